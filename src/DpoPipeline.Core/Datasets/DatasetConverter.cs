using System.Security.Cryptography;
using DpoPipeline.Core.Datasets.Processing;
using DpoPipeline.Core.Serialization;
using DpoPipeline.Core.Stats;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Datasets;

/// <summary>
/// Converts a dataset of any supported shape into Azure DPO train.jsonl and validation.jsonl. Two streaming passes:
/// the first validates and fingerprints every example (nothing is written unless all of it is valid), the second
/// writes the files following a split decided in between. validation-report.json is written in every case.
/// </summary>
public static class DatasetConverter
{
    public const string TrainFileName = "train.jsonl";
    public const string ValidationFileName = "validation.jsonl";
    public const string ManifestFileName = "manifest.json";
    public const string ReportFileName = "validation-report.json";

    public static async Task<ConversionResult> ConvertAsync(
        string inputPath,
        string outputDirectory,
        ConversionOptions options,
        IProgress<DatasetProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ValidationFraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(options.ValidationFraction, 1);

        var validationOptions = options.ToValidationOptions();
        var profile = ModelTokenProfiles.Get(options.BaseModel);
        Directory.CreateDirectory(outputDirectory);
        var trainPath = Path.Combine(outputDirectory, TrainFileName);
        var validationPath = Path.Combine(outputDirectory, ValidationFileName);
        var manifestPath = Path.Combine(outputDirectory, ManifestFileName);
        var reportPath = Path.Combine(outputDirectory, ReportFileName);

        // Pass 1: validate and fingerprint.
        var accumulator = new ValidationAccumulator(validationOptions, options.SkipInvalidExamples);
        accumulator.BeginTrainFile(inputPath, trackPrompts: false);
        var keys = new List<ExampleKey>();
        var run = await DatasetValidator.RunFileAsync(inputPath, validationOptions with { MaxFileBytes = long.MaxValue }, accumulator, progress, cancellationToken, batch =>
        {
            foreach (var example in batch.Examples.Where(e => !e.HasErrors))
            {
                keys.Add(new ExampleKey(example.Index, example.PromptHash, example.ExactHash));
            }
        });
        accumulator.EndFile(accumulator.Examples);

        if (accumulator.HasErrors)
        {
            return await RefuseAsync(inputPath, validationOptions, profile, run, accumulator, [trainPath, validationPath, manifestPath], reportPath, cancellationToken);
        }

        var plan = SplitPlan.Create(keys, options.ValidationFraction, options.Seed, options.Deduplicate, validationOptions.MinimumExamples);
        if (options.ValidationFraction > 0 && !plan.HasValidation)
        {
            accumulator.Add(new ValidationIssue(inputPath, null, null, IssueCodes.ValidationSplitSkipped, IssueSeverity.Warning,
                $"{options.ValidationFraction:P0} of {keys.Count - plan.Dropped} examples is too few for a validation file; all examples go to {TrainFileName}.",
                IssueCodes.HintFor(IssueCodes.ValidationSplitSkipped)));
        }

        // Pass 2: write.
        var stats = new DatasetStatsCollector();
        var (train, validation) = await WriteAsync(inputPath, validationOptions, plan, stats, trainPath, plan.HasValidation ? validationPath : null, progress, cancellationToken);
        foreach (var file in new[] { train, validation }.OfType<ConvertedFile>().Where(f => f.Bytes > validationOptions.MaxFileBytes))
        {
            accumulator.Add(new ValidationIssue(Path.Combine(outputDirectory, file.FileName), null, null, IssueCodes.FileTooLarge, IssueSeverity.Error,
                $"{file.FileName} would be {file.Bytes:N0} bytes; the service accepts at most {validationOptions.MaxFileBytes:N0}.", IssueCodes.HintFor(IssueCodes.FileTooLarge)));
        }

        if (accumulator.HasErrors)
        {
            return await RefuseAsync(inputPath, validationOptions, profile, run, accumulator, [trainPath, validationPath, manifestPath], reportPath, cancellationToken);
        }

        if (validation is null)
        {
            File.Delete(validationPath);
        }

        var report = DatasetValidator.BuildReport(inputPath, validationOptions, profile, run, accumulator) with
        {
            ValidationExampleCount = validation?.Examples ?? 0,
            Tokens = new TokenTotals(profile.Model, profile.Encoding, profile.ExampleTokenLimit, train.Tokens, validation?.Tokens ?? 0, accumulator.MaxExampleTokens),
        };
        var manifest = new ConversionManifest(
            ConversionManifest.CurrentSchemaVersion,
            Path.GetFileName(inputPath),
            await Sha256Async(inputPath, cancellationToken),
            run.Format,
            run.Compressed,
            run.Binding?.Shape,
            run.Binding?.Fields?.ToString(),
            options.ValidationFraction,
            options.Seed,
            options.Deduplicate,
            accumulator.Examples,
            plan.Dropped,
            train,
            validation,
            report.Tokens);
        await WriteJsonAsync(manifestPath, manifest, cancellationToken);
        await WriteJsonAsync(reportPath, report, cancellationToken);
        return new ConversionResult(report, manifest, trainPath, validation is null ? null : validationPath, manifestPath, reportPath,
            stats.Build(inputPath, run.Format, run.Binding?.Shape, profile.Encoding));
    }

    private static async Task<(ConvertedFile Train, ConvertedFile? Validation)> WriteAsync(
        string inputPath,
        ValidationOptions options,
        SplitPlan plan,
        DatasetStatsCollector stats,
        string trainPath,
        string? validationPath,
        IProgress<DatasetProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var train = new ConvertedFileWriter(trainPath);
        using var validation = validationPath is null ? null : new ConvertedFileWriter(validationPath);
        await DatasetPipeline.RunAsync(inputPath, options, emitAzureJson: true, batch =>
        {
            foreach (var example in batch.Examples.Where(e => !e.HasErrors && !plan.IsDropped(e.Index)))
            {
                var writer = validation is not null && plan.IsValidation(example.PromptHash) ? validation : train;
                writer.Write(example.AzureJson!, example.TotalTokens);
                stats.Add(example);
            }
        }, progress, cancellationToken);
        return (train.Complete(), validation?.Complete());
    }

    private static async Task<ConversionResult> RefuseAsync(
        string inputPath,
        ValidationOptions options,
        ModelTokenProfile profile,
        PipelineRun run,
        ValidationAccumulator accumulator,
        string[] staleOutputs,
        string reportPath,
        CancellationToken cancellationToken)
    {
        // Files from an earlier conversion in the same folder would look like this run's output.
        foreach (var stale in staleOutputs)
        {
            File.Delete(stale);
        }

        var report = DatasetValidator.BuildReport(inputPath, options, profile, run, accumulator);
        await WriteJsonAsync(reportPath, report, cancellationToken);
        return new ConversionResult(report, null, null, null, null, reportPath, null);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static async Task WriteJsonAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await ReportJson.SerializeAsync(stream, value, cancellationToken);
    }
}
