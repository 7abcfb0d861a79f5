using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Orchestrations;

/// <summary>
/// One run, from a dropped dataset to a deployed model that is torn down at its TTL. Only sequences steps and
/// reports progress; every side effect is an activity, and all time comes from the orchestration clock.
/// </summary>
public static class RunPipeline
{
    public static async Task<RunResult> RunAsync(TaskOrchestrationContext context, RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var status = new RunStatusTracker(context, new RunStatus { RunId = request.RunId });

        // One waiter for the whole run: a cancel raised at any time completes it, and each step checks it.
        var cancel = context.WaitForExternalEvent<CancelRequest>(RunEvents.Cancel);
        try
        {
            return await RunStepsAsync(context, request, status, cancel);
        }
        catch (TaskFailedException failure)
        {
            // An activity gave up after its retries: the run fails with the service's message, never silently.
            return status.Finish(RunOutcome.Failed, RunPhase.Failed, "A step failed after retries.", ErrorFrom(failure));
        }
    }

    private static async Task<RunResult> RunStepsAsync(
        TaskOrchestrationContext context, RunRequest request, RunStatusTracker status, Task<CancelRequest> cancel)
    {
        var options = request.Options;
        var retries = ActivityRetries.For(options.Timing);

        status.Enter(RunPhase.Preparing, "Detecting the format, converting and validating the dataset.");
        var prepared = await WorkflowTasks.PrepareDataset.CallAsync(
            context, request, retries);
        status.Update(s => s with
        {
            TrainingExamples = prepared.TrainingExamples,
            ValidationExamples = prepared.ValidationExamples,
            ValidationReportUri = prepared.ValidationReportUri,
        });
        if (!prepared.IsValid || prepared.TrainingFileUri is null || prepared.ValidationFileUri is null)
        {
            return status.Finish(
                RunOutcome.Invalid,
                RunPhase.Invalid,
                $"The dataset has {prepared.ErrorCount} error(s); nothing was uploaded. The validation report lists them all.",
                [.. prepared.Errors]);
        }

        var estimate = await WorkflowTasks.EstimateCost.CallAsync(
            context, new CostEstimateRequest(options.BaseModel, prepared.TrainingTokensPerEpoch, options.Epochs), retries);
        status.Update(s => s with { EstimatedCostUsd = estimate.EstimatedUsd, EstimatedTrainingTokens = estimate.BillableTokens });
        if (estimate.EstimatedUsd > options.BudgetLimitUsd)
        {
            var refused = await WaitForApprovalAsync(context, options, estimate, status, cancel);
            if (refused is not null)
            {
                return refused;
            }
        }

        if (cancel.IsCompleted)
        {
            return Cancelled(status, cancel.Result);
        }

        status.Enter(RunPhase.Uploading, "Uploading the training and validation files.");
        var files = await WorkflowTasks.UploadTrainingFiles.CallAsync(
            context, new UploadFilesRequest(request.RunId, prepared.TrainingFileUri, prepared.ValidationFileUri), retries);
        status.Update(s => s with { TrainingFileId = files.TrainingFileId, ValidationFileId = files.ValidationFileId });

        status.Enter(RunPhase.WaitingForFiles, "Waiting for the service to process the files.");
        var processed = await WaitForFilesAsync(context, files, options.Timing, cancel);
        if (processed is not { Processed: true })
        {
            await DeleteFilesAsync(context, files, retries);
            return processed is null
                ? Cancelled(status, cancel.Result)
                : status.Finish(RunOutcome.Failed, RunPhase.Failed, "The service could not process the files.", processed.Error!);
        }

        if (cancel.IsCompleted)
        {
            await DeleteFilesAsync(context, files, retries);
            return Cancelled(status, cancel.Result);
        }

        status.Enter(RunPhase.CreatingJob, "Creating the DPO fine-tuning job.");
        var jobId = await WorkflowTasks.CreateFineTuningJob.CallAsync(
            context, new CreateJobRequest(
                request.RunId, options.BaseModel, files.TrainingFileId, files.ValidationFileId, options.Suffix, options.Seed,
                options.Beta, options.BatchSize, options.LearningRateMultiplier, options.Epochs), retries);
        status.Update(s => s with { JobId = jobId });

        status.Enter(RunPhase.Training, "The job is queued or training; the monitor polls it with durable timers.");
        var deadline = request.RequestedAt.UtcDateTime + options.MaxRunTime;
        var job = (await WorkflowTasks.MonitorFineTuningJob.CallAsync(
            context,
            MonitorState.Start(request.RunId, jobId, deadline, options.Timing),
            new SubOrchestrationOptions { InstanceId = RunEvents.MonitorInstanceId(request.RunId) }))!;
        status.Update(s => s with { JobStatus = job.Status, LatestMetrics = job.LatestMetrics, FineTunedModel = job.FineTunedModel });
        await DeleteFilesAsync(context, files, retries);

        switch (job.Kind)
        {
            case JobOutcomeKind.Cancelled:
                return status.Finish(RunOutcome.Cancelled, RunPhase.Cancelled, "The fine-tuning job was cancelled.");
            case JobOutcomeKind.TimedOut:
                return status.Finish(
                    RunOutcome.TimedOut, RunPhase.TimedOut, $"The job was still not done after {options.MaxRunTime} and was cancelled.");
            case JobOutcomeKind.Failed:
                return status.Finish(
                    RunOutcome.Failed, RunPhase.Failed, "The fine-tuning job failed.", job.Error ?? new RunError("job_failed", job.Status));
        }

        return await DeployAndServeAsync(context, request, prepared, job.FineTunedModel!, status, cancel);
    }

    private static async Task<RunResult> DeployAndServeAsync(
        TaskOrchestrationContext context,
        RunRequest request,
        PreparedDataset prepared,
        string fineTunedModel,
        RunStatusTracker status,
        Task<CancelRequest> cancel)
    {
        var options = request.Options;
        var retries = ActivityRetries.For(options.Timing);
        status.Enter(RunPhase.Deploying, "Deploying the fine-tuned model.");
        var expiresAt = context.CurrentUtcDateTime + options.DeploymentTtl;
        var deployment = await WorkflowTasks.DeployModel.CallAsync(
            context, new DeployRequest(request.RunId, fineTunedModel, options.DeploymentSku, options.DeploymentCapacity, expiresAt, options.Owner), retries);
        status.Update(s => s with { Deployment = deployment, DeploymentExpiresAt = expiresAt });

        status.Enter(RunPhase.WaitingForDeployment, "Waiting until the deployment answers.");
        var state = await WaitForDeploymentAsync(context, deployment, options.Timing, cancel);
        if (state is not { Serving: true })
        {
            // Never leave an orphan: a deployment that failed or was abandoned still bills until it is deleted.
            await WorkflowTasks.DeleteDeployment.CallAsync(context, deployment, retries);
            return state is null
                ? Cancelled(status, cancel.Result)
                : status.Finish(
                    RunOutcome.Failed, RunPhase.Failed, "The deployment did not come up.",
                    state.Error ?? new RunError("deployment_not_serving", $"Still {state.ProvisioningState} after {options.Timing.Deployment.GiveUpAfter}."));
        }

        await EvaluateAsync(context, request, prepared, deployment, status);

        status.Enter(RunPhase.Reporting, "Writing the run report.");
        var report = await WorkflowTasks.WriteRunReport.CallAsync(
            context, new RunReportRequest(request, prepared, status.Current), retries);
        status.Update(s => s with { ReportUri = report });

        status.Enter(RunPhase.Serving, $"Serving as '{deployment}' until {expiresAt:u}.");
        using (var stop = new CancellationTokenSource())
        {
            var ttl = context.CreateTimer(expiresAt, stop.Token);
            var deleteNow = context.WaitForExternalEvent<DeleteDeploymentRequest>(RunEvents.DeleteDeployment, stop.Token);
            await Task.WhenAny(ttl, deleteNow, cancel);
            stop.Cancel();
        }

        status.Enter(RunPhase.TearingDown, "Deleting the deployment.");
        await WorkflowTasks.DeleteDeployment.CallAsync(context, deployment, retries);
        return cancel.IsCompleted
            ? Cancelled(status, cancel.Result)
            : status.Finish(RunOutcome.Completed, RunPhase.Completed, "Trained, deployed, reported and torn down.");
    }

    /// <summary>Evaluation informs; it never fails a run whose model is deployed, so its failures become warnings.</summary>
    private static async Task EvaluateAsync(
        TaskOrchestrationContext context, RunRequest request, PreparedDataset prepared, string deployment, RunStatusTracker status)
    {
        status.Enter(RunPhase.Evaluating, "Comparing the fine-tuned model with the base model on held-out pairs.");
        try
        {
            var summary = await WorkflowTasks.EvaluateModel.CallAsync(
                context,
                new EvaluateRequest(
                    request.RunId, deployment, prepared.ValidationFileUri!, request.Options.BaseModel, status.Current.FineTunedModel, request.Options.Seed),
                ActivityRetries.For(request.Options.Timing));
            status.Update(s => s with { Evaluation = summary });
        }
        catch (TaskFailedException failure)
        {
            status.Update(s => s with { Warnings = [.. s.Warnings, ErrorFrom(failure)] });
        }
    }

    /// <returns>Null when approved; otherwise the run's end.</returns>
    private static async Task<RunResult?> WaitForApprovalAsync(
        TaskOrchestrationContext context, RunOptions options, RunCostEstimate estimate, RunStatusTracker status, Task<CancelRequest> cancel)
    {
        status.Enter(
            RunPhase.AwaitingApproval,
            $"Estimated {estimate.EstimatedUsd:0.00} USD exceeds the budget of {options.BudgetLimitUsd:0.00} USD; waiting for approval.");
        using var stop = new CancellationTokenSource();
        var approval = context.WaitForExternalEvent<ApprovalDecision>(RunEvents.Approval, stop.Token);
        var timeout = context.CreateTimer(context.CurrentUtcDateTime + options.ApprovalTimeout, stop.Token);
        var first = await Task.WhenAny(approval, timeout, cancel);
        stop.Cancel();

        if (first == cancel)
        {
            return Cancelled(status, cancel.Result);
        }

        if (first == timeout)
        {
            return status.Finish(
                RunOutcome.Rejected, RunPhase.Rejected, "Nobody approved the cost in time.",
                new RunError("approval_timeout", $"No approval within {options.ApprovalTimeout}."));
        }

        var decision = approval.Result;
        return decision.Approved
            ? null
            : status.Finish(
                RunOutcome.Rejected, RunPhase.Rejected, "The cost was not approved.",
                new RunError("approval_refused", decision.Reason ?? "Refused.", decision.DecidedBy));
    }

    /// <returns>The files' state, or null when the run was cancelled while waiting.</returns>
    private static async Task<FilesProcessingState?> WaitForFilesAsync(
        TaskOrchestrationContext context, UploadedFiles files, RunTiming timing, Task<CancelRequest> cancel)
    {
        var schedule = timing.Files;
        var giveUpAt = context.CurrentUtcDateTime + schedule.GiveUpAfter;
        var delay = schedule.First;
        var retries = ActivityRetries.For(timing);
        while (true)
        {
            var state = await WorkflowTasks.CheckFilesProcessed.CallAsync(context, files, retries);
            if (state.Processed || state.Error is not null)
            {
                return state;
            }

            if (context.CurrentUtcDateTime >= giveUpAt)
            {
                return new FilesProcessingState(false, new RunError("file_not_processed", $"The files were not processed within {schedule.GiveUpAfter}."));
            }

            if (!await SleepUnlessCancelledAsync(context, delay, cancel))
            {
                return null;
            }

            delay = schedule.Next(delay);
        }
    }

    /// <returns>The deployment's state, or null when the run was cancelled while waiting.</returns>
    private static async Task<DeploymentState?> WaitForDeploymentAsync(
        TaskOrchestrationContext context, string deployment, RunTiming timing, Task<CancelRequest> cancel)
    {
        var schedule = timing.Deployment;
        var giveUpAt = context.CurrentUtcDateTime + schedule.GiveUpAfter;
        var delay = schedule.First;
        var retries = ActivityRetries.For(timing);
        while (true)
        {
            var state = await WorkflowTasks.CheckDeployment.CallAsync(context, deployment, retries);
            if (state.Serving || state.Failed || context.CurrentUtcDateTime >= giveUpAt)
            {
                return state;
            }

            if (!await SleepUnlessCancelledAsync(context, delay, cancel))
            {
                return null;
            }

            delay = schedule.Next(delay);
        }
    }

    /// <returns>False when the cancel event won the race against the timer.</returns>
    private static async Task<bool> SleepUnlessCancelledAsync(TaskOrchestrationContext context, TimeSpan delay, Task<CancelRequest> cancel)
    {
        if (cancel.IsCompleted)
        {
            return false;
        }

        using var stop = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime + delay, stop.Token);
        var first = await Task.WhenAny(timer, cancel);
        stop.Cancel();
        return first == timer;
    }

    private static Task DeleteFilesAsync(TaskOrchestrationContext context, UploadedFiles files, TaskOptions retries) =>
        WorkflowTasks.DeleteTrainingFiles.CallAsync(context, files, retries);

    private static RunResult Cancelled(RunStatusTracker status, CancelRequest request) =>
        status.Finish(
            RunOutcome.Cancelled, RunPhase.Cancelled,
            $"Cancelled{(request.RequestedBy is null ? string.Empty : $" by {request.RequestedBy}")}: {request.Reason ?? "no reason given"}.");

    private static RunError ErrorFrom(TaskFailedException failure) =>
        new(
            failure.FailureDetails.ErrorType.Split('.')[^1],
            failure.FailureDetails.ErrorMessage,
            failure.TaskName);
}
