using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.Quotas;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Failures;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// One run, from a dropped dataset to a deployed model that is torn down at its TTL. Only sequences steps and
/// reports progress; every side effect is an activity, and all time comes from the orchestration clock.
/// Money first: however the run ends once it has uploaded anything — completed, failed, timed out, cancelled or
/// superseded — it releases what it holds (job, files, deployment) before it publishes its end.
/// </summary>
public static class RunPipeline
{
    // Base models deploy pay-per-token (no hosting fee) in GlobalStandard: a comparison costs only its tokens.
    internal const string EvaluationBaseSku = "globalstandard";

    public static async Task<RunResult> RunAsync(TaskOrchestrationContext context, RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var status = new RunStatusTracker(context, new RunStatus
        {
            RunId = request.RunId,
            BudgetLimitUsd = request.Options.BudgetLimitUsd,
            Supersedes = request.Supersedes ?? [],
        });

        // One waiter for the whole run: a cancel raised at any time completes it, and each step checks it.
        var cancel = context.WaitForExternalEvent<CancelRequest>(RunEvents.Cancel);
        var prepared = new PreparedHolder();
        RunEnding ending;
        try
        {
            request = await SftStage.ResolveBaseModelAsync(context, request, status);
            ending = await RunStepsAsync(context, request, status, cancel, prepared);
        }
        catch (TaskFailedException failure)
        {
            // A step failed for good: a permanent error at once, a transient one after its retries.
            ending = RunEnding.Failed($"Step {failure.TaskName} failed.", StepFailureDetails.ToRunError(failure));
        }

        if (status.Current.Timeline.Any(p => p.Phase == RunPhase.Uploading))
        {
            await ReleaseAsync(context, request, status, cancel);
        }

        // Whatever the run held or waited for in the quota line is free for the next run now.
        QuotaGate.Release(context);

        if (cancel.IsCompleted && cancel.Result.SupersededBy is { } newer)
        {
            status.Update(s => s with { SupersededBy = newer });
            context.SendEvent(newer, RunEvents.SupersededRunReleased, request.RunId);
        }

        var result = status.Finish(ending.Outcome, ending.Phase, ending.Message, [.. ending.Errors]);
        return prepared.Value is { TrainingFileUri: not null } valid ? await WriteFinalReportAsync(context, request, valid, status, result) : result;
    }

    /// <summary>
    /// The report again, now that the run has ended: its final outcome, what it released, and how long it served. A run
    /// that failed after its dataset was accepted gets one too. A report that cannot be written is a warning, no more.
    /// </summary>
    private static async Task<RunResult> WriteFinalReportAsync(
        TaskOrchestrationContext context, RunRequest request, PreparedDataset prepared, RunStatusTracker status, RunResult result)
    {
        try
        {
            var report = await WorkflowTasks.WriteRunReport.CallAsync(
                context, new RunReportRequest(request, prepared, result.Status), ActivityRetries.For(request.Options.Timing));
            status.Update(s => s with { ReportUri = report });
        }
        catch (TaskFailedException failure)
        {
            status.Update(s => s with { Warnings = [.. s.Warnings, StepFailureDetails.ToRunError(failure)] });
        }

        return result with { Status = status.Current };
    }

    private static async Task<RunEnding> RunStepsAsync(
        TaskOrchestrationContext context, RunRequest request, RunStatusTracker status, Task<CancelRequest> cancel, PreparedHolder preparedHolder)
    {
        var options = request.Options;
        var retries = ActivityRetries.For(options.Timing);

        status.Enter(RunPhase.Preparing, "Detecting the format, converting and validating the dataset.");
        var prepared = await WorkflowTasks.PrepareDataset.CallAsync(context, request, retries);
        preparedHolder.Value = prepared;
        status.Update(s => s with
        {
            TrainingExamples = prepared.TrainingExamples,
            ValidationExamples = prepared.ValidationExamples,
            ValidationReportUri = prepared.ValidationReportUri,
        });
        if (!prepared.IsValid || prepared.TrainingFileUri is null)
        {
            var message = prepared.ErrorCount > 0
                ? $"The dataset has {prepared.ErrorCount} error(s); nothing was uploaded. The validation report lists them all."
                : "The dataset could not be converted; nothing was uploaded. The validation report says why.";
            return new RunEnding(RunOutcome.Invalid, RunPhase.Invalid, message, [.. prepared.Errors]);
        }

        var (sftData, sftInvalid) = await SftStage.PrepareAsync(context, request, prepared, status);
        if (sftInvalid is not null)
        {
            return sftInvalid;
        }

        var estimate = await WorkflowTasks.EstimateCost.CallAsync(
            context,
            new CostEstimateRequest(
                options.BaseModel, prepared.TrainingTokensPerEpoch, options.Epochs, options.DeploymentSku, options.DeploymentCapacity, options.ServiceTtl,
                sftData?.TrainingTokensPerEpoch ?? 0,
                options.Sweep?.Variants.Select(v => v.Hyperparameters.Epochs).ToList(),
                options.Sweep?.MeasurementSku),
            retries);
        status.Update(s => s with
        {
            EstimatedCostUsd = estimate.EstimatedUsd,
            EstimatedHostingUsd = estimate.HostingUsd,
            EstimatedTrainingTokens = estimate.BillableTokens,
        });
        if (estimate.EstimatedUsd > options.BudgetLimitUsd && await WaitForApprovalAsync(context, options, estimate, status, cancel) is { } refused)
        {
            return refused;
        }

        if (request.Supersedes is { Count: > 0 } older && await WaitForSupersededRunsAsync(context, older, options.Timing, status, cancel) is { } stopped)
        {
            return stopped;
        }

        if (cancel.IsCompleted)
        {
            return RunEnding.From(cancel.Result);
        }

        var trainFrom = options.BaseModel;
        if (sftData is not null)
        {
            var (sftModel, sftEnding) = await SftStage.TrainAsync(context, request, sftData, status, cancel);
            if (sftEnding is not null)
            {
                return sftEnding;
            }

            trainFrom = sftModel!;
        }

        status.Enter(RunPhase.Uploading, "Uploading the training and validation files.");
        var files = await WorkflowTasks.UploadTrainingFiles.CallAsync(
            context, new UploadFilesRequest(request.RunId, prepared.TrainingFileUri, prepared.ValidationFileUri), retries);
        status.Update(s => s with { TrainingFileId = files.TrainingFileId, ValidationFileId = files.ValidationFileId });

        status.Enter(RunPhase.WaitingForFiles, "Waiting for the service to process the files.");
        var processed = await RunWaits.ForFilesAsync(context, files, options.Timing, cancel);
        if (processed is null || cancel.IsCompleted)
        {
            return RunEnding.From(cancel.Result);
        }

        if (!processed.Processed)
        {
            return RunEnding.Failed("The service could not process the files.", processed.Error!);
        }

        if (options.Sweep is { } sweep)
        {
            return await SweepStage.RunAsync(context, request, prepared, files, sweep, trainFrom, status, cancel);
        }

        var jobId = await QuotaGate.RunWithSlotAsync(context, QuotaKind.FineTuningJob, status, options.Timing, cancel, () =>
        {
            status.Enter(RunPhase.CreatingJob, "Creating the DPO fine-tuning job.");
            return WorkflowTasks.CreateFineTuningJob.CallAsync(
                context, new CreateJobRequest(
                    request.RunId, trainFrom, files.TrainingFileId, files.ValidationFileId, options.Suffix, options.Seed,
                    options.Beta, options.BatchSize, options.LearningRateMultiplier, options.Epochs), retries);
        });
        if (jobId is null)
        {
            return RunEnding.From(cancel.Result);
        }

        status.Update(s => s with { JobId = jobId });
        if (cancel.IsCompleted)
        {
            // The cancel arrived while the job was being created: its id is known now, and the release cancels it.
            return RunEnding.From(cancel.Result);
        }

        status.Enter(RunPhase.Training, "The job is queued or training; the monitor polls it with durable timers.");
        var job = await MonitorAsync(context, request, jobId, RunEvents.MonitorInstanceId(request.RunId), cancel);
        QuotaGate.Release(context, QuotaKind.FineTuningJob);
        status.Update(s => s with { JobStatus = job.Status, LatestMetrics = job.LatestMetrics, FineTunedModel = job.FineTunedModel });
        await DeleteTrainingFilesAsync(context, files, status, retries);

        switch (job.Kind)
        {
            case JobOutcomeKind.Cancelled:
                return cancel.IsCompleted
                    ? RunEnding.From(cancel.Result)
                    : new RunEnding(RunOutcome.Cancelled, RunPhase.Cancelled, "The fine-tuning job was cancelled outside the pipeline.", []);
            case JobOutcomeKind.TimedOut:
                return new RunEnding(
                    RunOutcome.TimedOut, RunPhase.TimedOut, $"The job was still not done after {options.MaxRunTime} and was cancelled.", [job.Error!]);
            case JobOutcomeKind.Failed:
                return RunEnding.Failed("The fine-tuning job failed.", job.Error ?? new RunError("job_failed", job.Status));
        }

        return cancel.IsCompleted
            ? RunEnding.From(cancel.Result)
            : await DeployAndServeAsync(context, request, prepared, job.FineTunedModel!, status, cancel);
    }

    /// <summary>Waits for a job's monitor; a cancel of the run is passed on to it, so it cancels the job and ends.</summary>
    internal static async Task<JobOutcome> MonitorAsync(
        TaskOrchestrationContext context, RunRequest request, string jobId, string monitorId, Task<CancelRequest> cancel)
    {
        var monitor = WorkflowTasks.MonitorFineTuningJob.CallAsync(
            context,
            MonitorState.Start(request.RunId, jobId, request.RequestedAt.UtcDateTime + request.Options.MaxRunTime, request.Options.Timing),
            new SubOrchestrationOptions { InstanceId = monitorId });
        if (await Task.WhenAny(monitor, cancel) == cancel && !monitor.IsCompleted)
        {
            context.SendEvent(monitorId, RunEvents.JobControl, new JobControlRequest(JobControlAction.Cancel, cancel.Result.RequestedBy));
        }

        return (await monitor)!;
    }

    /// <param name="evaluated">True when the model was evaluated already (a sweep's winner): no second evaluation.</param>
    internal static async Task<RunEnding> DeployAndServeAsync(
        TaskOrchestrationContext context,
        RunRequest request,
        PreparedDataset prepared,
        string fineTunedModel,
        RunStatusTracker status,
        Task<CancelRequest> cancel,
        bool evaluated = false)
    {
        var options = request.Options;
        var retries = ActivityRetries.For(options.Timing);
        var expiresAt = default(DateTime); // from when the deployment slot is granted
        var deployment = await QuotaGate.RunWithSlotAsync(context, QuotaKind.FineTunedDeployment, status, options.Timing, cancel, () =>
        {
            status.Enter(RunPhase.Deploying, "Deploying the fine-tuned model.");
            expiresAt = context.CurrentUtcDateTime + options.DeploymentTtl;
            return WorkflowTasks.DeployModel.CallAsync(
                context, new DeployRequest(request.RunId, fineTunedModel, options.DeploymentSku, options.DeploymentCapacity, expiresAt, options.Owner), retries);
        });
        if (deployment is null)
        {
            return RunEnding.From(cancel.Result);
        }

        status.Update(s => s with { Deployment = deployment, DeploymentExpiresAt = expiresAt });
        if (cancel.IsCompleted)
        {
            return RunEnding.From(cancel.Result);
        }

        status.Enter(RunPhase.WaitingForDeployment, "Waiting until the deployment answers.");
        var state = await RunWaits.ForDeploymentAsync(context, deployment, options.Timing, cancel);
        if (state is null || cancel.IsCompleted)
        {
            return RunEnding.From(cancel.Result);
        }

        if (!state.Serving)
        {
            return RunEnding.Failed(
                "The deployment did not come up.",
                state.Error ?? new RunError("deployment_not_serving", $"Still {state.ProvisioningState} after {options.Timing.Deployment.GiveUpAfter}."));
        }

        if (!evaluated)
        {
            await EvaluateAsync(context, request, prepared, deployment, status, cancel);
        }

        if (cancel.IsCompleted)
        {
            return RunEnding.From(cancel.Result);
        }

        status.Enter(RunPhase.Reporting, "Writing the run report.");
        var report = await WorkflowTasks.WriteRunReport.CallAsync(context, new RunReportRequest(request, prepared, status.Current), retries);
        status.Update(s => s with { ReportUri = report });

        status.Enter(RunPhase.Serving, $"Serving as '{deployment}' until {expiresAt:u}.");
        using (var stop = new CancellationTokenSource())
        {
            var ttl = context.CreateTimer(expiresAt, stop.Token);
            var deleteNow = context.WaitForExternalEvent<DeleteDeploymentRequest>(RunEvents.DeleteDeployment, stop.Token);
            await Task.WhenAny(ttl, deleteNow, cancel);
            stop.Cancel();
        }

        return cancel.IsCompleted ? RunEnding.From(cancel.Result) : RunEnding.Completed("Trained, deployed, reported and torn down.");
    }

    /// <summary>
    /// Evaluation informs; it never fails a run whose model is deployed, so its failures become warnings. Without a
    /// configured base deployment the run deploys the base model pay-per-token to compare with, and deletes it right
    /// after (the release at the run's end deletes it too, should that fail).
    /// </summary>
    private static async Task EvaluateAsync(
        TaskOrchestrationContext context, RunRequest request, PreparedDataset prepared, string deployment, RunStatusTracker status, Task<CancelRequest> cancel)
    {
        var options = request.Options;
        status.Enter(RunPhase.Evaluating, "Comparing the fine-tuned model with the base model on held-out pairs.");
        if (prepared.ValidationFileUri is not { } heldOut)
        {
            status.Update(s => s with { Evaluation = EvaluationSummary.Skipped("Skipped: the dataset was too small for held-out pairs.") });
            return;
        }

        var retries = ActivityRetries.For(options.Timing);
        string? ownBase = null;
        try
        {
            var baseDeployment = options.EvaluationBaseDeployment;
            if (baseDeployment is null)
            {
                status.Update(s => s with { Message = $"Deploying {options.BaseModel} pay-per-token to compare with; it is deleted right after." });
                ownBase = await WorkflowTasks.DeployModel.CallAsync(
                    context,
                    new DeployRequest(
                        request.RunId, options.BaseModel, SftStage.EvaluationSkuFor(options, EvaluationBaseSku), 1, context.CurrentUtcDateTime + options.DeploymentTtl, options.Owner,
                        EvaluationBaseDeploymentName(request.RunId)),
                    retries);
                var state = await RunWaits.ForDeploymentAsync(context, ownBase, options.Timing, cancel);
                if (state is not { Serving: true })
                {
                    status.Update(s => s with
                    {
                        Evaluation = EvaluationSummary.Skipped(
                            $"Skipped: the base model's deployment for the comparison did not come up ({state?.Error?.Message ?? "the run was cancelled"})."),
                    });
                    return;
                }

                baseDeployment = ownBase;
            }

            status.Update(s => s with { Message = $"Comparing {deployment} with {baseDeployment} on held-out pairs." });
            var summary = await WorkflowTasks.EvaluateModel.CallAsync(
                context,
                new EvaluateRequest(request.RunId, deployment, baseDeployment, heldOut, options.BaseModel, status.Current.FineTunedModel, options.Seed),
                retries);
            status.Update(s => s with { Evaluation = summary });
            await SftStage.CompareAsync(context, request, heldOut, deployment, baseDeployment, status, cancel);
        }
        catch (TaskFailedException failure)
        {
            var error = StepFailureDetails.ToRunError(failure);
            status.Update(s => s with
            {
                Evaluation = s.Evaluation ?? EvaluationSummary.Skipped($"Not evaluated: {error.Message}"),
                Warnings = [.. s.Warnings, error],
            });
        }
        finally
        {
            if (ownBase is not null)
            {
                await DeleteOwnDeploymentAsync(context, request, ownBase, status, retries);
            }
        }
    }

    internal static async Task DeleteOwnDeploymentAsync(
        TaskOrchestrationContext context, RunRequest request, string name, RunStatusTracker status, TaskOptions retries)
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

    /// <summary>The base model's deployment a run makes for its own evaluation: named after the run, so a retry finds it.</summary>
    public static string EvaluationBaseDeploymentName(string runId) => DeploymentNames.ForRun("base-" + runId);

    /// <returns>Null when approved; otherwise the run's end.</returns>
    private static async Task<RunEnding?> WaitForApprovalAsync(
        TaskOrchestrationContext context, RunOptions options, RunCostEstimate estimate, RunStatusTracker status, Task<CancelRequest> cancel)
    {
        status.Enter(
            RunPhase.AwaitingApproval,
            $"Estimated {estimate.EstimatedUsd:0.00} USD (hosting {estimate.HostingUsd:0.00}) exceeds the budget of {options.BudgetLimitUsd:0.00} USD; waiting for approval.");
        using var stop = new CancellationTokenSource();
        var approval = context.WaitForExternalEvent<ApprovalDecision>(RunEvents.Approval, stop.Token);
        var timeout = context.CreateTimer(context.CurrentUtcDateTime + options.ApprovalTimeout, stop.Token);
        var first = await Task.WhenAny(approval, timeout, cancel);
        stop.Cancel();

        if (first == cancel)
        {
            return RunEnding.From(cancel.Result);
        }

        if (first == timeout)
        {
            return new RunEnding(
                RunOutcome.Rejected, RunPhase.Rejected, "Nobody approved the cost in time.",
                [new RunError("approval_timeout", $"No approval within {options.ApprovalTimeout}.")]);
        }

        var decision = approval.Result;
        status.Update(s => s with { Approval = new ApprovalRecord(decision.Approved, decision.DecidedBy, context.CurrentUtcDateTime, decision.Comment) });
        return decision.Approved
            ? null
            : new RunEnding(
                RunOutcome.Rejected, RunPhase.Rejected, "The cost was not approved.",
                [new RunError("approval_refused", decision.Comment ?? "Refused.", decision.DecidedBy)]);
    }

    /// <summary>
    /// Waits until each superseded run has released what it held, so old and new never train at once. A run that ended
    /// on its own before the cancel reached it never confirms: after <see cref="RunTiming.SupersededRelease"/> this run
    /// goes on with a warning.
    /// </summary>
    /// <returns>Null to go on; the run's end when it was cancelled meanwhile.</returns>
    private static async Task<RunEnding?> WaitForSupersededRunsAsync(
        TaskOrchestrationContext context, IReadOnlyList<string> older, RunTiming timing, RunStatusTracker status, Task<CancelRequest> cancel)
    {
        status.Enter(RunPhase.WaitingForSupersededRuns, $"Waiting until {string.Join(", ", older)} released what it held.");
        var giveUpAt = context.CurrentUtcDateTime + timing.SupersededRelease;
        for (var confirmed = 0; confirmed < older.Count; confirmed++)
        {
            using var stop = new CancellationTokenSource();
            var released = context.WaitForExternalEvent<string>(RunEvents.SupersededRunReleased, stop.Token);
            var timeout = context.CreateTimer(giveUpAt, stop.Token);
            var first = await Task.WhenAny(released, timeout, cancel);
            stop.Cancel();
            if (first == cancel)
            {
                return RunEnding.From(cancel.Result);
            }

            if (first == timeout)
            {
                status.Update(s => s with
                {
                    Warnings = [.. s.Warnings, new RunError("superseded_run_unconfirmed", $"{older.Count - confirmed} superseded run(s) did not confirm within {timing.SupersededRelease}; they had likely ended already.")],
                });
                return null;
            }
        }

        return null;
    }

    // The job no longer needs the files; a failure here is not the run's failure (the release at the end tries again).
    internal static async Task DeleteTrainingFilesAsync(TaskOrchestrationContext context, UploadedFiles files, RunStatusTracker status, TaskOptions retries)
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

    /// <summary>Cancels the run's job if it still runs, deletes its files and its deployment, and records what that took.</summary>
    private static async Task ReleaseAsync(TaskOrchestrationContext context, RunRequest request, RunStatusTracker status, Task<CancelRequest> cancel)
    {
        status.Enter(RunPhase.TearingDown, "Releasing what the run holds: its job if still running, its files and its deployment.");
        var current = status.Current;
        var known = new[] { current.TrainingFileId, current.ValidationFileId, current.SftTrainingFileId, current.SftValidationFileId }.OfType<string>().ToList();
        try
        {
            var cleanup = await WorkflowTasks.ReleaseRunResources.CallAsync(
                context,
                new ReleaseRequest(request.RunId, known, current.JobId, request.Options.Owner, current.SftJobId is { } sftJob ? [sftJob] : null),
                ActivityRetries.ForRelease(request.Options.Timing));
            // A cancel that reached a training run was carried out by its monitor; the job counts as cancelled by the run.
            var cancelledByMonitor = new[]
            {
                cancel.IsCompleted && current is { JobId: { } job, JobStatus: "cancelled" } ? job : null,
                cancel.IsCompleted && current is { SftJobId: { } sft, SftJobStatus: "cancelled" } ? sft : null,
            }.OfType<string>().ToArray();

            // So were the jobs of a sweep's variants, each by its own monitor.
            cancelledByMonitor = [.. cancelledByMonitor, .. current.Variants.Where(v => v is { State: VariantState.Cancelled, JobStatus: "cancelled" }).Select(v => v.JobId!)];
            status.Update(s => s with { CleanedUp = cleanup with { CancelledJobs = [.. cancelledByMonitor, .. cleanup.CancelledJobs] } });
        }
        catch (TaskFailedException failure)
        {
            var error = StepFailureDetails.ToRunError(failure);
            status.Update(s => s with
            {
                Errors = [.. s.Errors, new RunError("release_incomplete", $"Could not release everything the run holds (job {current.JobId ?? "none"}, files of {request.RunId}, deployment): {error.Message}", error.Code)],
            });
        }
    }

    // Lets the final report reach the prepared dataset whichever way the steps ended, a failure included.
    private sealed class PreparedHolder
    {
        public PreparedDataset? Value { get; set; }
    }
}
