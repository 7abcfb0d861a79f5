using DpoPipeline.Workflow.Hosting;
using System.Text.Json;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Reports;
using DpoPipeline.Core.Stats;
using DpoPipeline.Workflow.Preparation;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Detects the dataset's format, converts and validates it, and splits it into train and validation files in the
/// service's format. The validation report is always stored; the converted files only when the data is valid, so an
/// invalid dataset stops the run before anything is uploaded or paid.
/// </summary>
public sealed class PrepareDataset(IRunFiles files, ILogger<PrepareDataset> logger) : IWorkflowActivity<RunRequest, PreparedDataset>
{
    public const string ReportName = "validation-report.json";
    public const string HistogramsName = "token-histograms.json";
    private const int ErrorsInStatus = 5;

    public async Task<PreparedDataset> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var work = Directory.CreateTempSubdirectory("dpo-prepare-");
        try
        {
            // The engine reads local files (it detects the format from name and content); the copy is streamed.
            var input = Path.Combine(work.FullName, Path.GetFileName(files.NameOf(request.DatasetUri)));
            await using (var source = request.DatasetVersion is { } version
                ? await files.OpenVersionAsync(request.DatasetUri, version, cancellationToken)
                : await files.OpenReadAsync(request.DatasetUri, cancellationToken))
            await using (var target = File.Create(input))
            {
                await source.CopyToAsync(target, cancellationToken);
            }

            var (format, shape, mapping) = DatasetSettings.From(request.Options);
            var output = Path.Combine(work.FullName, "out");
            var result = await DatasetConverter.ConvertAsync(
                input,
                output,
                new ConversionOptions
                {
                    Format = format,
                    Shape = shape,
                    Mapping = mapping,
                    ValidationFraction = request.Options.ValidationFraction,
                    Seed = request.Options.Seed ?? new ConversionOptions().Seed,
                    Deduplicate = request.Options.Deduplicate,
                    BaseModel = request.Options.BaseModel,
                },
                progress: null,
                cancellationToken);

            var report = result.Report;
            var reportUri = await StoreAsync(request.RunId, ReportName, result.ReportPath, cancellationToken);
            logger.LogInformation(
                "Run {RunId}: {Examples} examples, {Errors} errors, {Warnings} warnings ({Shape}).",
                request.RunId, report.ExampleCount, report.ErrorCount, report.WarningCount, report.Shape);

            if (result.Manifest is null || result.TrainPath is null)
            {
                return new PreparedDataset
                {
                    IsValid = false,
                    ValidationReportUri = reportUri,
                    SourceShape = report.Shape?.ToString(),
                    ErrorCount = (int)Math.Min(report.ErrorCount, int.MaxValue),
                    WarningCount = (int)Math.Min(report.WarningCount, int.MaxValue),
                    Errors = [.. report.Issues.Where(i => i.Severity == IssueSeverity.Error).Take(ErrorsInStatus).Select(ToRunError)],
                };
            }

            var manifest = result.Manifest;
            return new PreparedDataset
            {
                IsValid = true,
                TrainingExamples = (int)manifest.Train.Examples,
                ValidationExamples = (int)(manifest.Validation?.Examples ?? 0),
                TrainingTokensPerEpoch = manifest.Tokens.TrainTokens,
                TrainingFileUri = await StoreAsync(request.RunId, "train.jsonl", result.TrainPath, cancellationToken),
                ValidationFileUri = result.ValidationPath is null ? null : await StoreAsync(request.RunId, "validation.jsonl", result.ValidationPath, cancellationToken),
                ManifestUri = await StoreAsync(request.RunId, "manifest.json", result.ManifestPath!, cancellationToken),
                TokenHistogramsUri = result.Stats is null ? null : await StoreHistogramsAsync(request.RunId, result.Stats, cancellationToken),
                ValidationReportUri = reportUri,
                SourceShape = report.Shape?.ToString(),
                WarningCount = (int)Math.Min(report.WarningCount, int.MaxValue),
            };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<Uri> StoreAsync(string runId, string name, string path, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(path);
        return await files.WriteAsync(runId, name, content, name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/jsonl", cancellationToken);
    }

    private async Task<Uri> StoreHistogramsAsync(string runId, DatasetStats stats, CancellationToken cancellationToken)
    {
        List<TokenHistogram> histograms =
        [
            Histogram("prompt", stats.PromptTokens),
            Histogram("chosen", stats.ChosenTokens),
            Histogram("rejected", stats.RejectedTokens),
        ];
        await using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(histograms, RunReportJson.Options));
        return await files.WriteAsync(runId, HistogramsName, content, "application/json", cancellationToken);
    }

    private static TokenHistogram Histogram(string name, Distribution distribution) =>
        new(name, [.. distribution.Histogram.Select(b => new HistogramBin(b.From, b.To, (int)Math.Min(b.Count, int.MaxValue)))]);

    private static RunError ToRunError(ValidationIssue issue) =>
        new(issue.Code, $"{issue.Message} {issue.Hint}".Trim(), issue.Line is { } line ? $"line {line}{(issue.JsonPath is null ? "" : " " + issue.JsonPath)}" : issue.JsonPath);
}
