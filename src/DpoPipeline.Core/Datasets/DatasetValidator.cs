using DpoPipeline.Core.Datasets.Processing;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Datasets;

/// <summary>Checks a dataset (and optionally its validation file) the way the service will, before anything is paid for.</summary>
public static class DatasetValidator
{
    public static async Task<ValidationReport> ValidateAsync(
        string path,
        ValidationOptions options,
        IProgress<DatasetProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        var profile = ModelTokenProfiles.Get(options.BaseModel);
        var accumulator = new ValidationAccumulator(options);

        accumulator.BeginTrainFile(path, trackPrompts: options.ValidationFile is not null);
        var train = await RunFileAsync(path, options, accumulator, progress, cancellationToken);
        accumulator.EndFile(accumulator.Examples);

        if (options.ValidationFile is not null)
        {
            accumulator.BeginValidationFile(options.ValidationFile);
            await RunFileAsync(options.ValidationFile, options, accumulator, progress, cancellationToken);
            accumulator.EndFile(accumulator.ValidationExamples);
        }

        return BuildReport(path, options, profile, train, accumulator);
    }

    internal static async Task<PipelineRun> RunFileAsync(
        string path,
        ValidationOptions options,
        ValidationAccumulator accumulator,
        IProgress<DatasetProgress>? progress,
        CancellationToken cancellationToken,
        Action<ProcessedBatch>? observe = null,
        bool emitAzureJson = false)
    {
        var run = await DatasetPipeline.RunAsync(path, options, emitAzureJson, batch =>
        {
            accumulator.Add(batch);
            observe?.Invoke(batch);
        }, progress, cancellationToken);

        foreach (var issue in run.FileIssues)
        {
            accumulator.Add(issue);
        }

        if (run.DataBytes > options.MaxFileBytes)
        {
            accumulator.Add(new ValidationIssue(path, null, null, IssueCodes.FileTooLarge, IssueSeverity.Error,
                $"The data is {run.DataBytes:N0} bytes; the service accepts at most {options.MaxFileBytes:N0}.", IssueCodes.HintFor(IssueCodes.FileTooLarge)));
        }

        return run;
    }

    internal static ValidationReport BuildReport(string path, ValidationOptions options, ModelTokenProfile profile, PipelineRun run, ValidationAccumulator accumulator)
    {
        string[] files = options.ValidationFile is null ? [path] : [path, options.ValidationFile];
        return new ValidationReport(
            ValidationReport.CurrentSchemaVersion,
            path,
            options.ValidationFile,
            run.Format,
            run.Compressed,
            run.Binding?.Shape,
            IsValid: !accumulator.HasErrors,
            accumulator.Examples,
            accumulator.ValidExamples,
            accumulator.ValidationExamples,
            run.DataBytes,
            accumulator.ErrorCounts,
            accumulator.WarningCounts,
            accumulator.Issues(files),
            accumulator.IssuesTruncated,
            new TokenTotals(profile.Model, profile.Encoding, profile.ExampleTokenLimit, accumulator.TrainTokens, accumulator.ValidationTokens, accumulator.MaxExampleTokens));
    }
}
