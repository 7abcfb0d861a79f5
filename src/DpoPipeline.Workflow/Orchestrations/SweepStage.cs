using DpoPipeline.Core.Sweeps;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Failures;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// The sweep part of <see cref="RunPipeline"/>, once the dataset is prepared, priced and uploaded: deploys the base
/// model once for every variant's comparison (unless one is configured), runs one <see cref="RunSweepVariant"/> per
/// variant, deletes the base deployment and the files, picks the winner by <see cref="SweepWinnerRule"/> and deploys
/// only that one for the TTL through the run's own deploy-and-serve path. A cancel goes to every variant still going;
/// a failed variant fails the run only when every variant failed.
/// </summary>
internal static class SweepStage
{
    public static async Task<RunEnding> RunAsync(
        TaskOrchestrationContext context,
        RunRequest request,
        PreparedDataset prepared,
        UploadedFiles files,
        RunSweep sweep,
        string trainFrom,
        RunStatusTracker status,
        Task<CancelRequest> cancel)
    {
        var options = request.Options;
        var retries = ActivityRetries.For(options.Timing);
        var variants = sweep.Variants.Select(VariantResult.Pending).ToList();
        status.Update(s => s with { Variants = variants });
        status.Enter(
            RunPhase.Training,
            $"Sweep of {variants.Count} variants: each trains its own job and is measured against the base model on a short-lived deployment.");

        var outcomes = new Dictionary<int, SweepVariantOutcome>();
        string? ownBase = null;
        try
        {
            var (baseDeployment, deployedBase) = await BaseDeploymentAsync(context, request, prepared, status, cancel);
            ownBase = deployedBase;
            if (!cancel.IsCompleted)
            {
                await RunVariantsAsync(context, request, prepared, files, sweep, trainFrom, baseDeployment, status, cancel, outcomes);
            }
        }
        finally
        {
            if (ownBase is not null)
            {
                await RunPipeline.DeleteOwnDeploymentAsync(context, request, ownBase, status, retries);
            }
        }

        await RunPipeline.DeleteTrainingFilesAsync(context, files, status, retries);
        if (cancel.IsCompleted)
        {
            // Variants the cancel reached before they started never will.
            status.Update(s => s with { Variants = [.. s.Variants.Select(v => v.IsTerminal ? v : v with { State = VariantState.Cancelled })] });
            return RunEnding.From(cancel.Result);
        }

        var decision = SweepWinnerRule.Pick([.. status.Current.Variants.Select(v => v.ToCandidate())]);
        status.Update(s => s with
        {
            SweepDecision = decision.Reason,
            Variants = [.. s.Variants.Select(v => v with { Winner = v.Index == decision.WinnerIndex })],
        });
        if (decision.WinnerIndex is not { } winnerIndex)
        {
            var errors = status.Current.Variants.Select(v => v.Error).OfType<RunError>().Take(3).ToArray();
            return RunEnding.Failed($"Every variant of the sweep failed; nothing was deployed. {decision.Reason}", errors);
        }

        var winner = outcomes[winnerIndex];
        status.Update(s => s with
        {
            JobId = winner.Result.JobId,
            JobStatus = winner.Result.JobStatus,
            FineTunedModel = winner.Result.FineTunedModel,
            LatestMetrics = winner.LatestMetrics,
            Evaluation = winner.Evaluation ?? EvaluationSummary.Skipped(
                prepared.ValidationFileUri is null
                    ? "Skipped: the dataset was too small for held-out pairs; the sweep's winner was chosen by validation loss."
                    : $"Not measured: {winner.Result.Error?.Message ?? "no comparison came through"}."),
        });
        return await RunPipeline.DeployAndServeAsync(context, request, prepared, winner.Result.FineTunedModel!, status, cancel, evaluated: true);
    }

    /// <summary>The base deployment every variant is compared with: the configured one, or the base model deployed once for the sweep.</summary>
    /// <returns>The deployment to compare with (null: variants are not measured) and the one this run deployed itself.</returns>
    private static async Task<(string? Compare, string? Own)> BaseDeploymentAsync(
        TaskOrchestrationContext context, RunRequest request, PreparedDataset prepared, RunStatusTracker status, Task<CancelRequest> cancel)
    {
        var options = request.Options;
        if (prepared.ValidationFileUri is null || options.EvaluationBaseDeployment is { } configured)
        {
            return (options.EvaluationBaseDeployment, null);
        }

        var name = RunPipeline.EvaluationBaseDeploymentName(request.RunId);
        try
        {
            status.Update(s => s with { Message = $"Deploying {options.BaseModel} pay-per-token once for every variant's comparison." });
            await WorkflowTasks.DeployModel.CallAsync(
                context,
                new DeployRequest(
                    request.RunId, options.BaseModel, RunPipeline.EvaluationBaseSku, 1, context.CurrentUtcDateTime + options.DeploymentTtl, options.Owner, name),
                ActivityRetries.For(options.Timing));
            var state = await RunWaits.ForDeploymentAsync(context, name, options.Timing, cancel);
            if (state is { Serving: true })
            {
                return (name, name);
            }

            Warn(status, new RunError("base_deployment_not_serving", $"The base model's deployment for the comparison did not come up ({state?.Error?.Message ?? "cancelled"}); variants are ranked by validation loss."));
        }
        catch (TaskFailedException failure)
        {
            Warn(status, StepFailureDetails.ToRunError(failure));
        }

        return (null, name);
    }

    private static async Task RunVariantsAsync(
        TaskOrchestrationContext context,
        RunRequest request,
        PreparedDataset prepared,
        UploadedFiles files,
        RunSweep sweep,
        string trainFrom,
        string? baseDeployment,
        RunStatusTracker status,
        Task<CancelRequest> cancel,
        Dictionary<int, SweepVariantOutcome> outcomes)
    {
        var running = new Dictionary<Task<SweepVariantOutcome>, SweepVariant>();
        foreach (var variant in sweep.Variants)
        {
            var child = WorkflowTasks.RunSweepVariant.CallAsync(
                context,
                new SweepVariantRequest(request, variant, files, prepared.ValidationFileUri, baseDeployment, sweep.MeasurementSku, trainFrom),
                new SubOrchestrationOptions { InstanceId = SweepVariantIds.For(request.RunId, variant.Index) });
            running[child] = variant;
        }

        status.Update(s => s with { Variants = [.. s.Variants.Select(v => v with { State = VariantState.Training })] });
        var cancelSent = false;
        while (running.Count > 0)
        {
            Task first = cancelSent ? await Task.WhenAny(running.Keys) : await Task.WhenAny([.. running.Keys, cancel]);
            if (first == cancel)
            {
                // Each variant cancels its own job and deletes its own deployment; the run's release catches the rest.
                foreach (var variant in running.Values)
                {
                    context.SendEvent(SweepVariantIds.For(request.RunId, variant.Index), RunEvents.Cancel, cancel.Result);
                }

                cancelSent = true;
                continue;
            }

            var done = (Task<SweepVariantOutcome>)first;
            var ended = running[done];
            running.Remove(done);
            var outcome = await CollectAsync(done, ended);
            outcomes[ended.Index] = outcome;
            status.Update(s => s with
            {
                Variants = [.. s.Variants.Select(v => v.Index == ended.Index ? outcome.Result : v)],
                Message = $"Variant {ended.Index} ({ended.Label}) ended {outcome.Result.State}; {running.Count} still going.",
            });
        }
    }

    // A variant never throws on its own; should its orchestration fail anyway, it is a failed row, not a failed sweep.
    private static async Task<SweepVariantOutcome> CollectAsync(Task<SweepVariantOutcome> child, SweepVariant variant)
    {
        try
        {
            return await child;
        }
        catch (TaskFailedException failure)
        {
            return new SweepVariantOutcome(
                VariantResult.Pending(variant) with { State = VariantState.Failed, Error = StepFailureDetails.ToRunError(failure) }, null, null);
        }
    }

    private static void Warn(RunStatusTracker status, RunError warning) =>
        status.Update(s => s with { Warnings = [.. s.Warnings, warning] });
}
