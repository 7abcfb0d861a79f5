using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Quotas;
using DpoPipeline.Core.Sweeps;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Failures;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// One variant of a sweep, a sub-orchestration of its run (instance <c>&lt;runId&gt;:v&lt;n&gt;</c>): creates its job on
/// the run's uploaded files (tagged with its own id and the run's, so a retry finds it and the run's release cancels
/// it) once the quota line grants it a job slot, monitors it, measures the model on a short-lived deployment against the run's shared base deployment — same
/// held-out pairs, judge and seed for every variant — and deletes that deployment at once. Never throws: a variant that
/// fails is a row of the sweep, and whatever it created is released before it returns. A <see cref="RunEvents.Cancel"/>
/// from the run stops it at any step.
/// </summary>
public static class RunSweepVariant
{
    public static async Task<SweepVariantOutcome> RunAsync(TaskOrchestrationContext context, SweepVariantRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var run = request.Run;
        var options = run.Options;
        var retries = ActivityRetries.For(options.Timing);
        var variantId = SweepVariantIds.For(run.RunId, request.Variant.Index);
        var cancel = context.WaitForExternalEvent<CancelRequest>(RunEvents.Cancel);
        var result = VariantResult.Pending(request.Variant) with { State = VariantState.Training };
        context.SetCustomStatus(result);
        EvaluationSummary? evaluation = null;
        JobOutcome? job = null;

        // The quota line reports a wait through this tracker; the variant shows it as its own state and place.
        var gate = new RunStatusTracker(context, new RunStatus { RunId = variantId }, s => context.SetCustomStatus(
            s.Queue is { } place ? result with { State = VariantState.Queued, Queue = place } : result with { Queue = null }));
        try
        {
            var jobId = await QuotaGate.RunWithSlotAsync(context, QuotaKind.FineTuningJob, gate, options.Timing, cancel, () =>
                WorkflowTasks.CreateFineTuningJob.CallAsync(
                    context,
                    new CreateJobRequest(
                        variantId, request.TrainFrom, request.Files.TrainingFileId, request.Files.ValidationFileId, null, options.Seed,
                        request.Variant.Hyperparameters.Beta, request.Variant.Hyperparameters.BatchSize,
                        request.Variant.Hyperparameters.LearningRateMultiplier, request.Variant.Hyperparameters.Epochs,
                        new Dictionary<string, string> { [RunJobTag.SweepMetadataKey] = run.RunId }),
                    retries));
            if (jobId is null)
            {
                // Cancelled while it waited in the quota line: nothing was created.
                return Ended(context, result with { State = VariantState.Cancelled }, null, null);
            }

            result = Publish(context, result with { JobId = jobId });
            if (cancel.IsCompleted)
            {
                await CancelJobAsync(context, jobId, retries);
                return Ended(context, result with { State = VariantState.Cancelled, JobStatus = "cancelled" }, null, null);
            }

            job = await RunPipeline.MonitorAsync(context, run, jobId, RunEvents.MonitorInstanceId(variantId), cancel);
            QuotaGate.Release(context, QuotaKind.FineTuningJob);
            result = Publish(context, result with
            {
                JobStatus = job.Status,
                FineTunedModel = job.FineTunedModel,
                TrainedTokens = job.TrainedTokens,
                FinalTrainLoss = job.LatestMetrics?.TrainLoss,
                FinalValidationLoss = job.LatestMetrics?.ValidationLoss,
            });
            if (job.Kind != JobOutcomeKind.Succeeded || cancel.IsCompleted)
            {
                var state = job.Kind == JobOutcomeKind.Cancelled || cancel.IsCompleted ? VariantState.Cancelled : VariantState.Failed;
                return Ended(context, result with { State = state, Error = job.Error }, null, job);
            }

            if (request is { HeldOutUri: { } heldOut, BaseDeployment: { } baseDeployment })
            {
                result = Publish(context, result with { State = VariantState.Measuring });
                (result, evaluation) = await MeasureAsync(context, request, result, gate, job.FineTunedModel!, heldOut, baseDeployment, cancel);
                if (cancel.IsCompleted)
                {
                    return Ended(context, result with { State = VariantState.Cancelled }, evaluation, job);
                }
            }

            result = result with { EstimatedCostUsd = await CostAsync(context, request, result, evaluation, retries) };
            return Ended(context, result with { State = VariantState.Succeeded }, evaluation, job);
        }
        catch (TaskFailedException failure)
        {
            // Whatever failed, a job this variant started must not go on training.
            if (result.JobId is { } started && job is null)
            {
                await CancelJobAsync(context, started, retries);
            }

            return Ended(context, result with { State = VariantState.Failed, Error = StepFailureDetails.ToRunError(failure) }, evaluation, job);
        }
    }

    /// <summary>The deployment a variant is measured on: named after the run and the variant, tagged with the run.</summary>
    public static string MeasurementDeploymentName(string runId, int index) => DeploymentNames.ForRun($"m{index}-{runId}");

    /// <summary>Deploys the variant's model briefly, compares it with the shared base deployment, deletes it whatever happened.</summary>
    private static async Task<(VariantResult Result, EvaluationSummary? Evaluation)> MeasureAsync(
        TaskOrchestrationContext context,
        SweepVariantRequest request,
        VariantResult result,
        RunStatusTracker gate,
        string fineTunedModel,
        Uri heldOut,
        string baseDeployment,
        Task<CancelRequest> cancel)
    {
        var run = request.Run;
        var options = run.Options;
        var retries = ActivityRetries.For(options.Timing);
        var name = MeasurementDeploymentName(run.RunId, request.Variant.Index);
        var expiresAt = context.CurrentUtcDateTime + (RunSweep.MeasurementLifetime / options.ServiceTimeScale);
        result = Publish(context, result with { MeasurementDeployment = name });
        try
        {
            // A fine-tuned deployment like any other: it takes a deployment slot in the quota line.
            var deployed = await QuotaGate.RunWithSlotAsync(context, QuotaKind.FineTunedDeployment, gate, options.Timing, cancel, () =>
                WorkflowTasks.DeployModel.CallAsync(
                    context, new DeployRequest(run.RunId, fineTunedModel, request.MeasurementSku, 1, expiresAt, options.Owner, name), retries));
            if (deployed is null)
            {
                return (result, null);
            }

            var state = await RunWaits.ForDeploymentAsync(context, name, options.Timing, cancel);
            if (state is not { Serving: true })
            {
                return (result with { Error = state?.Error ?? new RunError("measurement_not_serving", "The measurement deployment did not come up.") }, null);
            }

            var summary = await WorkflowTasks.EvaluateModel.CallAsync(
                context,
                new EvaluateRequest(
                    run.RunId, name, baseDeployment, heldOut, options.BaseModel, fineTunedModel, options.Seed,
                    $"variant-{request.Variant.Index}-evaluation.json"),
                retries);
            return (result with
            {
                EvaluationPairs = summary.Pairs,
                WinRate = summary.WinRate,
                WinRateLow = summary.WinRateLow,
                WinRateHigh = summary.WinRateHigh,
                Judge = summary.JudgeDeployment,
                Service = summary.Service,
                Emulated = summary.Emulated,
            }, summary);
        }
        catch (TaskFailedException failure)
        {
            // The model was trained; unmeasured, it still competes, by validation loss, below every measured variant.
            return (result with { Error = StepFailureDetails.ToRunError(failure) }, null);
        }
        finally
        {
            // A deploy that failed on its last attempt may still have created the deployment.
            await DeleteMeasurementAsync(context, run, name, retries);
            QuotaGate.Release(context, QuotaKind.FineTunedDeployment);
        }
    }

    private static async Task DeleteMeasurementAsync(TaskOrchestrationContext context, RunRequest run, string name, TaskOptions retries)
    {
        try
        {
            await WorkflowTasks.DeleteEvaluationDeployment.CallAsync(context, new DeleteEvaluationDeploymentRequest(run.RunId, name, run.Options.Owner), retries);
        }
        catch (TaskFailedException)
        {
            // The run's release deletes every deployment tagged with the run when it ends.
        }
    }

    /// <summary>Training at the billed tokens, the measurement deployment for its budgeted lifetime, and the evaluation's calls.</summary>
    private static async Task<decimal?> CostAsync(
        TaskOrchestrationContext context, SweepVariantRequest request, VariantResult result, EvaluationSummary? evaluation, TaskOptions retries)
    {
        if (result.TrainedTokens is not { } tokens)
        {
            return null;
        }

        var options = request.Run.Options;
        var measured = result.MeasurementDeployment is not null;
        var cost = await WorkflowTasks.EstimateCost.CallAsync(
            context,
            new CostEstimateRequest(
                options.BaseModel, tokens, 1, request.MeasurementSku, 1, measured ? RunSweep.MeasurementLifetime : TimeSpan.Zero),
            retries);
        return cost.EstimatedUsd + (evaluation?.EstimatedCostUsd ?? 0);
    }

    private static async Task CancelJobAsync(TaskOrchestrationContext context, string jobId, TaskOptions retries)
    {
        try
        {
            await WorkflowTasks.ControlFineTuningJob.CallAsync(context, new JobControlInput(jobId, JobControlAction.Cancel), retries);
        }
        catch (TaskFailedException)
        {
            // The run's release cancels every job tagged with one of its variants when it ends.
        }
    }

    private static VariantResult Publish(TaskOrchestrationContext context, VariantResult result)
    {
        context.SetCustomStatus(result);
        return result;
    }

    // Whatever the variant still holds or waits for in the quota line is given up as it ends.
    private static SweepVariantOutcome Ended(TaskOrchestrationContext context, VariantResult result, EvaluationSummary? evaluation, JobOutcome? job)
    {
        QuotaGate.Release(context);
        return new(Publish(context, result with { Queue = null }), evaluation, job?.LatestMetrics);
    }
}
