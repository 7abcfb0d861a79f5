using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.Reports;
using System.Text.Json;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Evaluation;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Asks the base and the fine-tuned deployment the held-out prompts and scores both against each pair's outputs.
/// The full result goes to <c>{runId}/evaluation.json</c>; the run status gets the headline.
/// </summary>
public sealed class EvaluateModel(
    IRunFiles files, IChatSourceFactory chats, IOptions<PipelineOptions> options, TimeProvider time, ILoggerFactory loggers) : IWorkflowActivity<EvaluateRequest, EvaluationSummary>
{
    public const string ResultName = "evaluation.json";

    public async Task<EvaluationSummary> RunAsync(EvaluateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (settings.EvaluationBaseDeployment is not { Length: > 0 } baseDeployment)
        {
            return new EvaluationSummary(0, 0, null, null, null, null, null,
                "Skipped: set Pipeline__EvaluationBaseDeployment to a deployment of the base model to compare against.");
        }

        IReadOnlyList<EvaluationPair> pairs;
        await using (var heldOut = await files.OpenReadAsync(request.HeldOutUri, cancellationToken))
        {
            pairs = EvaluationSample.Select(await EvaluationPairReader.ReadAsync(heldOut, cancellationToken), settings.EvaluationSampleSize);
        }

        var judge = settings.JudgeDeployment is { Length: > 0 } name ? chats.Create(name) : null;
        var evaluator = new PairwiseEvaluator(
            chats.Create(baseDeployment), chats.Create(request.Deployment), judge, new EvaluationOptions(), time,
            loggers.CreateLogger<PairwiseEvaluator>());
        var result = await evaluator.EvaluateAsync(pairs, cancellationToken);

        await using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(result, RunReportJson.Options));
        var uri = await files.WriteAsync(request.RunId, ResultName, json, "application/json", cancellationToken);
        var headline = result.Headline;
        var labels = result.FineTunedLabels;
        return new EvaluationSummary(
            result.PairCount,
            result.Failures.Count,
            headline.WinRate,
            headline.WinRateInterval?.Lower,
            headline.WinRateInterval?.Upper,
            labels.Total == 0 ? null : (double)labels.PreferredLike / labels.Total,
            uri,
            result.Failures.Count == 0 ? null : $"{result.Failures.Count} call(s) failed after retries; see {ResultName}.");
    }
}
