using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Quotas;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Failures;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// The parts of <see cref="RunPipeline"/> that continuous fine-tuning adds: resolving a fine-tuned base model (or an
/// earlier run) with the service, the SFT stage that trains before DPO (same durability, cancel and release as the DPO
/// job: its job is tagged with the run, its files carry the run's name, its monitor is a sub-orchestration), and the
/// three-way evaluation of base, SFT and SFT+DPO. Orchestrator code: only activities, timers and the context clock.
/// </summary>
public static class SftStage
{
    public const string SftVsBaseResult = "evaluation-sft-vs-base.json";
    public const string DpoVsSftResult = "evaluation-dpo-vs-sft.json";

    /// <summary>The SFT model's short-lived deployment for the three-way evaluation: named after the run, so a retry finds it.</summary>
    public static string EvaluationDeploymentName(string runId) => DeploymentNames.ForRun("sft-" + runId);

    /// <summary>
    /// The SKU to deploy the base model in for the evaluation: a catalogue model pay-per-token; a fine-tuned base model
    /// (continuous fine-tuning) in the run's own deployment SKU, since fine-tuned deployments bill hosting except on
    /// the developer tier.
    /// </summary>
    public static string EvaluationSkuFor(RunOptions options, string catalogueSku)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FineTunedModelId.IsFineTuned(options.BaseModel) ? options.DeploymentSku : catalogueSku;
    }

    /// <summary>
    /// A catalogue base model is used as is; a fine-tuned model id or an earlier run's id is checked with the service
    /// (exists, can be fine-tuned, known family), and the run goes on with the model it resolved to.
    /// </summary>
    /// <exception cref="TaskFailedException">The service refused the model: the run fails before it uploads anything.</exception>
    internal static async Task<RunRequest> ResolveBaseModelAsync(TaskOrchestrationContext context, RunRequest request, RunStatusTracker status)
    {
        var options = request.Options;
        if (BaseModelResolver.IsCatalogueModel(options.BaseModel))
        {
            return request;
        }

        status.Update(s => s with { Message = $"Checking with the service that {options.BaseModel} can be fine-tuned." });
        var resolved = await WorkflowTasks.CheckBaseModel.CallAsync(
            context, new BaseModelRequest(request.RunId, options.BaseModel), ActivityRetries.For(options.Timing));
        status.Update(s => s with { ResolvedBaseModel = resolved.Model, BaseModelFamily = resolved.Family, BaseModelFromRun = resolved.FromRun });
        return request with { Options = options with { BaseModel = resolved.Model } };
    }

    /// <returns>The SFT stage's data (null when the run trains DPO only), or the run's end when that data is invalid.</returns>
    internal static async Task<(PreparedSftDataset? Data, RunEnding? Ending)> PrepareAsync(
        TaskOrchestrationContext context, RunRequest request, PreparedDataset prepared, RunStatusTracker status)
    {
        if (!request.Options.SftFirst)
        {
            return (null, null);
        }

        status.Update(s => s with
        {
            Message = request.Options.SftData is { } file
                ? $"Checking the SFT stage's demonstration file {file}."
                : "Deriving the SFT stage's data (prompt + preferred reply) from the same split.",
        });
        var sft = await WorkflowTasks.PrepareSftDataset.CallAsync(
            context, new SftPrepareRequest(request, prepared.TrainingFileUri!, prepared.ValidationFileUri), ActivityRetries.For(request.Options.Timing));
        status.Update(s => s with { SftTrainingExamples = sft.TrainingExamples, SftValidationExamples = sft.ValidationExamples });
        return sft.IsValid
            ? (sft, null)
            : (sft, new RunEnding(
                RunOutcome.Invalid, RunPhase.Invalid,
                $"The SFT stage's data ({sft.Source}) has {sft.ErrorCount} error(s); nothing was uploaded.", [.. sft.Errors]));
    }

    /// <summary>Uploads the SFT files, trains the supervised job to its end and deletes the files.</summary>
    /// <returns>The SFT model the DPO job starts from, or the run's end (cancelled, failed, timed out).</returns>
    internal static async Task<(string? Model, RunEnding? Ending)> TrainAsync(
        TaskOrchestrationContext context, RunRequest request, PreparedSftDataset sft, RunStatusTracker status, Task<CancelRequest> cancel)
    {
        var options = request.Options;
        var retries = ActivityRetries.For(options.Timing);
        status.Enter(RunPhase.Uploading, "SFT stage: uploading the SFT training and validation files.");
        var files = await WorkflowTasks.UploadTrainingFiles.CallAsync(
            context, new UploadFilesRequest(request.RunId, sft.TrainingFileUri!, sft.ValidationFileUri, Sft: true), retries);
        status.Update(s => s with { SftTrainingFileId = files.TrainingFileId, SftValidationFileId = files.ValidationFileId });

        status.Enter(RunPhase.WaitingForFiles, "SFT stage: waiting for the service to process the files.");
        var processed = await RunWaits.ForFilesAsync(context, files, options.Timing, cancel);
        if (processed is null || cancel.IsCompleted)
        {
            return (null, RunEnding.From(cancel.Result));
        }

        if (!processed.Processed)
        {
            return (null, RunEnding.Failed("The service could not process the SFT files.", processed.Error!));
        }

        var jobId = await QuotaGate.RunWithSlotAsync(context, QuotaKind.FineTuningJob, status, options.Timing, cancel, () =>
        {
            status.Enter(RunPhase.CreatingJob, "SFT stage: creating the supervised fine-tuning job.");
            return WorkflowTasks.CreateSftJob.CallAsync(
                context,
                new CreateSftJobRequest(
                    request.RunId, options.BaseModel, files.TrainingFileId, files.ValidationFileId, options.Seed, options.BatchSize, options.LearningRateMultiplier, options.Epochs),
                retries);
        });
        if (jobId is null)
        {
            return (null, RunEnding.From(cancel.Result));
        }

        status.Update(s => s with { SftJobId = jobId });
        if (cancel.IsCompleted)
        {
            return (null, RunEnding.From(cancel.Result));
        }

        status.Enter(RunPhase.Training, "SFT stage: the supervised job is queued or training; DPO starts from its model.");
        var job = await RunPipeline.MonitorAsync(context, request, jobId, RunEvents.SftMonitorInstanceId(request.RunId), cancel);
        QuotaGate.Release(context, QuotaKind.FineTuningJob);
        status.Update(s => s with { SftJobStatus = job.Status, SftModel = job.FineTunedModel });
        await DeleteFilesAsync(context, files, status, retries);

        return job.Kind switch
        {
            _ when cancel.IsCompleted => (null, RunEnding.From(cancel.Result)),
            JobOutcomeKind.Cancelled => (null, new RunEnding(RunOutcome.Cancelled, RunPhase.Cancelled, "The SFT job was cancelled outside the pipeline.", [])),
            JobOutcomeKind.TimedOut => (null, new RunEnding(
                RunOutcome.TimedOut, RunPhase.TimedOut, $"The SFT job was still not done after {options.MaxRunTime} and was cancelled.", [job.Error!])),
            JobOutcomeKind.Failed => (null, RunEnding.Failed("The SFT job failed.", job.Error ?? new RunError("job_failed", job.Status))),
            _ => (job.FineTunedModel, null),
        };
    }

    /// <summary>
    /// The other two sides of the three-way evaluation, on the same held-out prompts: SFT against base, and SFT+DPO
    /// against SFT. The SFT model is deployed for this only and deleted right after (the release at the run's end
    /// deletes it too, should that fail). Like the evaluation, it informs: its failures are warnings.
    /// </summary>
    internal static async Task CompareAsync(
        TaskOrchestrationContext context, RunRequest request, Uri heldOut, string dpoDeployment, string baseDeployment, RunStatusTracker status, Task<CancelRequest> cancel)
    {
        if (status.Current.SftModel is not { } sftModel || cancel.IsCompleted)
        {
            return;
        }

        var options = request.Options;
        var retries = ActivityRetries.For(options.Timing);
        string? deployed = null;
        try
        {
            status.Update(s => s with { Message = $"Deploying the SFT model {sftModel} for the three-way comparison; it is deleted right after." });
            deployed = await WorkflowTasks.DeployModel.CallAsync(
                context,
                new DeployRequest(
                    request.RunId, sftModel, options.DeploymentSku, 1, context.CurrentUtcDateTime + options.DeploymentTtl, options.Owner,
                    EvaluationDeploymentName(request.RunId)),
                retries);
            var state = await RunWaits.ForDeploymentAsync(context, deployed, options.Timing, cancel);
            if (state is not { Serving: true })
            {
                status.Update(s => s with
                {
                    SftVerdict = $"Not compared: the SFT model's deployment did not come up ({state?.Error?.Message ?? "the run was cancelled"}).",
                });
                return;
            }

            status.Update(s => s with { Message = $"Comparing the SFT model with the base model, and the SFT+DPO model with the SFT model." });
            var sftVsBase = await WorkflowTasks.EvaluateModel.CallAsync(
                context, new EvaluateRequest(request.RunId, deployed, baseDeployment, heldOut, options.BaseModel, sftModel, options.Seed, SftVsBaseResult), retries);
            var dpoVsSft = await WorkflowTasks.EvaluateModel.CallAsync(
                context,
                new EvaluateRequest(request.RunId, dpoDeployment, deployed, heldOut, sftModel, status.Current.FineTunedModel, options.Seed, DpoVsSftResult),
                retries);
            status.Update(s => s with
            {
                SftEvaluation = sftVsBase,
                DpoOverSftEvaluation = dpoVsSft,
                SftVerdict = StageComparison.VerdictOf(dpoVsSft.ToStageRow(StageComparison.SftDpo, StageComparison.Sft)),
            });
        }
        catch (TaskFailedException failure)
        {
            var error = StepFailureDetails.ToRunError(failure);
            status.Update(s => s with { SftVerdict = s.SftVerdict ?? $"Not compared: {error.Message}", Warnings = [.. s.Warnings, error] });
        }
        finally
        {
            if (deployed is not null)
            {
                await DeleteDeploymentAsync(context, request, deployed, status, retries);
            }
        }
    }

    // The SFT job no longer needs its files; the release at the end tries again should this fail.
    private static async Task DeleteFilesAsync(TaskOrchestrationContext context, UploadedFiles files, RunStatusTracker status, TaskOptions retries)
    {
        try
        {
            await WorkflowTasks.DeleteTrainingFiles.CallAsync(context, files, retries);
        }
        catch (TaskFailedException failure)
        {
            status.Update(s => s with { Warnings = [.. s.Warnings, StepFailureDetails.ToRunError(failure)] });
        }
    }

    private static async Task DeleteDeploymentAsync(TaskOrchestrationContext context, RunRequest request, string name, RunStatusTracker status, TaskOptions retries)
    {
        try
        {
            await WorkflowTasks.DeleteEvaluationDeployment.CallAsync(context, new DeleteEvaluationDeploymentRequest(request.RunId, name, request.Options.Owner), retries);
        }
        catch (TaskFailedException failure)
        {
            status.Update(s => s with { Warnings = [.. s.Warnings, StepFailureDetails.ToRunError(failure)] });
        }
    }
}
