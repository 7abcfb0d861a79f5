using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.Reports;

namespace DpoPipeline.Cli;

/// <summary>What `dpo eval` evaluates: held-out pairs, the candidate deployment, the models behind it, and a seed.</summary>
internal sealed record EvaluationSubject(
    string Label,
    string DatasetName,
    IReadOnlyList<EvaluationPair> Pairs,
    string Candidate,
    string BaseModel,
    string? FineTunedModel,
    long Seed,
    string DefaultOutputFolder)
{
    /// <returns>The subject, or the exit code after the problem was reported.</returns>
    public static async Task<(EvaluationSubject? Subject, int ExitCode)> ResolveAsync(
        ParseResult parseResult, DatasetInputOptions input, Option<string?> run, Option<string?> candidate, CliOutput output, CancellationToken cancellationToken)
    {
        var stamp = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        if (parseResult.GetValue(run) is { } runFolder)
        {
            return await FromRunAsync(runFolder, parseResult.GetValue(candidate), stamp, output, cancellationToken);
        }

        if (parseResult.GetValue(candidate) is not { } deployment)
        {
            output.WriteError("Give --candidate: the deployment to evaluate (or --run with a run's folder).");
            return (null, ExitCodes.UsageOrIoError);
        }

        if (await input.ResolvePathAsync(parseResult, output, cancellationToken) is not { } path)
        {
            return (null, ExitCodes.UsageOrIoError);
        }

        return await FromFileAsync(path, input.ToValidationOptions(parseResult), deployment, stamp, output, cancellationToken);
    }

    private static async Task<(EvaluationSubject?, int)> FromRunAsync(
        string runFolder, string? candidate, string stamp, CliOutput output, CancellationToken cancellationToken)
    {
        var reportJson = Path.Combine(runFolder, "report", RunReportRenderer.DataName);
        var heldOut = Path.Combine(runFolder, DatasetConverter.ValidationFileName);
        if (!File.Exists(reportJson) || !File.Exists(heldOut))
        {
            output.WriteError($"'{runFolder}' is not a finished run's folder: it needs report/{RunReportRenderer.DataName} and {DatasetConverter.ValidationFileName}.");
            return (null, ExitCodes.UsageOrIoError);
        }

        RunReportData report;
        await using (var stream = File.OpenRead(reportJson))
        {
            report = await RunReportJson.DeserializeAsync(stream, cancellationToken);
        }

        if ((candidate ?? report.Deployment) is not { } deployment)
        {
            output.WriteError($"Run {report.RunId} has no deployment; give --candidate.");
            return (null, ExitCodes.UsageOrIoError);
        }

        await using var pairs = File.OpenRead(heldOut);
        return (new EvaluationSubject(
            report.RunId,
            report.DatasetName,
            await EvaluationPairReader.ReadAsync(pairs, cancellationToken),
            deployment,
            report.BaseModel,
            report.FineTunedModel,
            SeedOf(report.RunId),
            Path.Combine(runFolder, "re-evaluation-" + stamp)), ExitCodes.Success);
    }

    /// <summary>Any supported shape: converted to Azure DPO pairs first, all of them held out.</summary>
    private static async Task<(EvaluationSubject?, int)> FromFileAsync(
        string path, ValidationOptions reading, string deployment, string stamp, CliOutput output, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("dpo-eval-").FullName;
        try
        {
            var converted = await DatasetConverter.ConvertAsync(
                path,
                scratch,
                new ConversionOptions { Format = reading.Format, Shape = reading.Shape, Mapping = reading.Mapping, BaseModel = reading.BaseModel, ValidationFraction = 0 },
                progress: null,
                cancellationToken);
            if (converted is not { TrainPath: { } pairsPath, Manifest: { } manifest })
            {
                output.WriteError($"{Path.GetFileName(path)} has {converted.Report.ErrorCount} error(s); `dpo validate {Path.GetFileName(path)}` lists them.");
                return (null, ExitCodes.Invalid);
            }

            await using var pairs = File.OpenRead(pairsPath);
            var name = Path.GetFileName(path);
            return (new EvaluationSubject(
                "eval-" + Path.GetFileNameWithoutExtension(name),
                name,
                await EvaluationPairReader.ReadAsync(pairs, cancellationToken),
                deployment,
                reading.BaseModel,
                FineTunedModel: null,
                SeedOf(manifest.SourceSha256),
                Path.Combine(Environment.CurrentDirectory, $"dpo-eval-{Path.GetFileNameWithoutExtension(name)}-{stamp}")), ExitCodes.Success);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    // The same data gets the same seed, so an evaluation repeated on it asks the same questions the same way.
    private static long SeedOf(string identity) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(identity)), 0) & long.MaxValue;
}
