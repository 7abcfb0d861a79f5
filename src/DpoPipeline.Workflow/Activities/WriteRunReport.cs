using DpoPipeline.Workflow.Hosting;
using System.Text.Json;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Reports;
using DpoPipeline.Core.Sweeps;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Gathers what the run produced — training curves from the job's result file, the evaluation, the dataset's token
/// histograms, the timeline and the cost — and renders the report into run storage. A missing piece becomes a warning
/// in the report, never a failed run.
/// </summary>
public sealed class WriteRunReport(
    IRunFiles files, FineTuningServiceClient service, IOptions<FineTuningClientOptions> serviceOptions, TimeProvider time, ILoggerFactory loggers)
    : IWorkflowActivity<RunReportRequest, Uri>
{
    private readonly ILogger _logger = loggers.CreateLogger<WriteRunReport>();

    public async Task<Uri> RunAsync(RunReportRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var status = input.Status;
        var warnings = status.Warnings.Select(w => new RunReportIssue(w.Code, w.Message)).ToList();

        var (metrics, billed) = await ReadTrainingAsync(status.JobId, warnings, cancellationToken);
        var data = new RunReportData
        {
            RunId = status.RunId,
            DatasetName = files.NameOf(input.Request.DatasetUri),
            BaseModel = input.Request.Options.BaseModel,
            Service = serviceOptions.Value.Endpoint is { } endpoint ? EvaluationService.FromEndpoint(endpoint) : null,
            FineTunedModel = status.FineTunedModel,
            BaseModelNote = status.BaseModelFamily is { } family
                ? $"fine-tuned, family {family}{(status.BaseModelFromRun is { } run ? $", the model of run {run}" : string.Empty)}; continuous fine-tuning"
                : null,
            SftJobId = status.SftJobId,
            SftModel = status.SftModel,
            StageComparison = status is { SftEvaluation: { } sft, Evaluation: { } dpo, DpoOverSftEvaluation: { } over }
                ? StageComparison.Of(
                    sft.ToStageRow(StageComparison.Sft, StageComparison.Base),
                    dpo.ToStageRow(StageComparison.SftDpo, StageComparison.Base),
                    over.ToStageRow(StageComparison.SftDpo, StageComparison.Sft))
                : null,
            Deployment = status.Deployment,
            JobId = status.JobId,
            // The report is written once while the run is still reporting and again after it ended.
            Outcome = status.Phase.IsTerminal() ? status.Phase.ToString() : $"Still running ({status.Phase})",
            GeneratedAt = time.GetUtcNow(),
            Timeline = [.. status.Timeline.Select(p => new RunPhaseEntry(p.Phase.ToString(), new DateTimeOffset(p.At, TimeSpan.Zero)))],
            Cost = status.EstimatedTrainingTokens is { } tokens
                ? new RunCostSummary(
                    tokens,
                    billed,
                    status.EstimatedCostUsd - (status.EstimatedHostingUsd ?? 0),
                    status.EstimatedHostingUsd,
                    status.BudgetLimitUsd,
                    status.Approval is { } a ? new RunApproval(a.Approved, a.DecidedBy, new DateTimeOffset(a.At, TimeSpan.Zero), a.Comment) : null)
                : null,
            TrainingMetrics = metrics,
            Sweep = status.Variants.Count == 0 ? null : await SweepAsync(status, metrics, warnings, cancellationToken),
            Evaluation = await ReadAsync<EvaluationResult>(status.Evaluation?.ResultUri, "evaluation_unreadable", warnings, cancellationToken),
            TokenHistograms = await ReadAsync<List<TokenHistogram>>(
                input.Prepared.TokenHistogramsUri, "histograms_unreadable", warnings, cancellationToken) ?? [],
            Errors = [.. status.Errors.Select(e => new RunReportIssue(e.Code, e.Message))],
            Warnings = warnings,
        };

        var report = await new RunReportRenderer(loggers.CreateLogger<RunReportRenderer>())
            .RenderAsync(data, new RunFilesReportSink(files, status.RunId), cancellationToken);
        return report.Html.Location;
    }

    /// <param name="winnerMetrics">The curve of the run's own job (the winner's), already read.</param>
    private async Task<SweepReport> SweepAsync(
        RunStatus status, TrainingMetricsSeries? winnerMetrics, List<RunReportIssue> warnings, CancellationToken cancellationToken)
    {
        var curves = new List<SweepCurve>();
        foreach (var variant in status.Variants)
        {
            var series = variant.JobId is not null && variant.JobId == status.JobId
                ? winnerMetrics
                : (await ReadTrainingAsync(variant.JobId, warnings, cancellationToken)).Metrics;
            if (series is not null)
            {
                curves.Add(new SweepCurve(variant.Index, variant.Label, series));
            }
        }

        return new SweepReport(
            SweepWinnerRule.Statement,
            status.SweepDecision ?? "Not decided yet.",
            [.. status.Variants.Select(v => new SweepReportRow
            {
                Index = v.Index,
                Label = v.Label,
                State = v.State.ToString(),
                JobId = v.JobId,
                TrainedTokens = v.TrainedTokens,
                FinalTrainLoss = v.FinalTrainLoss,
                FinalValidationLoss = v.FinalValidationLoss,
                WinRate = v.WinRate,
                WinRateLow = v.WinRateLow,
                WinRateHigh = v.WinRateHigh,
                SampleSize = v.EvaluationPairs,
                Judge = v.Judge,
                Service = v.Service,
                Emulated = v.Emulated,
                EstimatedCostUsd = v.EstimatedCostUsd,
                Winner = v.Winner,
                Error = v.Error?.Message,
            })],
            curves);
    }

    private async Task<(TrainingMetricsSeries? Metrics, long? BilledTokens)> ReadTrainingAsync(
        string? jobId, List<RunReportIssue> warnings, CancellationToken cancellationToken)
    {
        if (jobId is null)
        {
            return (null, null);
        }

        try
        {
            var job = await service.GetJobAsync(jobId, cancellationToken);
            var steps = await service.ReadStepMetricsAsync(job, cancellationToken);
            return (TrainingMetricsSeries.From(steps.Select(s => new TrainingStepMetrics(
                s.Step, s.TrainLoss, s.FullValidLoss ?? s.ValidLoss, s.TrainAccuracy, s.FullValidAccuracy ?? s.ValidAccuracy))), job.TrainedTokens);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Could not read the training metrics of job {JobId}.", jobId);
            warnings.Add(new RunReportIssue("metrics_unavailable", $"Training metrics of job {jobId} could not be read: {e.Message}"));
            return (null, null);
        }
    }

    private async Task<T?> ReadAsync<T>(Uri? uri, string code, List<RunReportIssue> warnings, CancellationToken cancellationToken)
        where T : class
    {
        if (uri is null)
        {
            return null;
        }

        try
        {
            await using var stream = await files.OpenReadAsync(uri, cancellationToken);
            return await JsonSerializer.DeserializeAsync<T>(stream, RunReportJson.Options, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            warnings.Add(new RunReportIssue(code, $"{files.NameOf(uri)} could not be read: {e.Message}"));
            return null;
        }
    }
}
