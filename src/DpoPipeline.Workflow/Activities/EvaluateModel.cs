using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DpoPipeline.Core.Costs;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Evaluation;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// Asks the base and the fine-tuned deployment the held-out prompts, compares them (by the calibrated judge when one
/// is configured, by the lexical proxy always) and records where every number came from. The full result goes to
/// <c>{runId}/evaluation.json</c>; the run status gets the headline with its provenance.
/// </summary>
public sealed class EvaluateModel(
    IRunFiles files,
    IChatSourceFactory chats,
    IOptions<PipelineOptions> options,
    IOptions<FineTuningClientOptions> service,
    TimeProvider time,
    ILoggerFactory loggers) : IWorkflowActivity<EvaluateRequest, EvaluationSummary>
{
    public const string ResultName = "evaluation.json";

    public async Task<EvaluationSummary> RunAsync(EvaluateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        IReadOnlyList<EvaluationPair> pairs;
        await using (var heldOut = await files.OpenReadAsync(request.HeldOutUri, cancellationToken))
        {
            pairs = EvaluationSample.Select(await EvaluationPairReader.ReadAsync(heldOut, cancellationToken), settings.EvaluationSampleSize);
        }

        var judge = settings.JudgeDeployment is { Length: > 0 } name ? chats.Create(name) : null;
        var evaluationOptions = new EvaluationOptions
        {
            Seed = request.Seed ?? SeedOf(request.RunId),
            Service = service.Value.Endpoint is { } endpoint ? EvaluationService.FromEndpoint(endpoint) : null,
            Models = request is { BaseModel: { } baseModel, FineTunedModel: { } fineTuned } ? new EvaluationModels(baseModel, fineTuned) : null,
        };
        var evaluator = new PairwiseEvaluator(
            chats.Create(request.BaseDeployment), chats.Create(request.Deployment), judge, evaluationOptions, time, loggers.CreateLogger<PairwiseEvaluator>());
        var result = await evaluator.EvaluateAsync(pairs, cancellationToken);

        await using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(result, RunReportJson.Options));
        var resultName = request.ResultName ?? ResultName;
        var uri = await files.WriteAsync(request.RunId, resultName, json, "application/json", cancellationToken);
        return EvaluationSummary.Of(result, uri, resultName);
    }

    // A run without a seed of its own still gets the same seed on every retry and replay: one derived from its id.
    private static long SeedOf(string runId) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(runId)), 0) & long.MaxValue;
}
