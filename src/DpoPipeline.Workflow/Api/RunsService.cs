using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Api;

/// <summary>
/// Starts, queries and steers runs through a Durable client. Both starters (blob and HTTP) and every HTTP
/// command go through here, so the rules — one run per id, which command fits which phase — live in one place.
/// </summary>
public sealed class RunsService(DurableTaskClient client, ILogger<RunsService> logger)
{
    /// <summary>Starts <paramref name="request"/> unless a run with its id exists, which makes duplicate events harmless.</summary>
    public async Task<StartRunResult> StartAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await client.GetInstanceAsync(request.RunId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            logger.LogInformation("Run {RunId} already exists ({Status}); not starting it again.", request.RunId, existing.RuntimeStatus);
            return new StartRunResult(request.RunId, Started: false);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowTasks.RunPipeline.Name, request, new StartOrchestrationOptions(request.RunId), cancellationToken);
        logger.LogInformation("Started run {RunId} for {DatasetUri}.", request.RunId, request.DatasetUri);
        return new StartRunResult(request.RunId, Started: true);
    }

    public async Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is not null;

    public async Task<RunView?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || IsMonitor(instance.InstanceId))
        {
            return null;
        }

        var view = ToView(instance);
        if (view.Status?.Phase != RunPhase.Training)
        {
            return view;
        }

        // The run learns the job's progress only when the monitor ends; the monitor's own status is live.
        var monitor = await client.GetInstanceAsync(RunEvents.MonitorInstanceId(runId), getInputsAndOutputs: true, cancellationToken);
        return monitor?.SerializedCustomStatus is null ? view : view with { Job = monitor.ReadCustomStatusAs<MonitorStatus>() };
    }

    public async Task<RunPage> ListAsync(RunListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new OrchestrationQuery
        {
            CreatedFrom = query.CreatedFrom,
            CreatedTo = query.CreatedTo,
            Statuses = query.RuntimeStatuses?.Select(Enum.Parse<OrchestrationRuntimeStatus>).ToList(),
            InstanceIdPrefix = query.IdPrefix,
            PageSize = Math.Clamp(query.PageSize, 1, 500),
            FetchInputsAndOutputs = true,
            ContinuationToken = query.ContinuationToken,
        };

        await foreach (var page in client.GetAllInstancesAsync(filter).AsPages(query.ContinuationToken, filter.PageSize)
            .WithCancellation(cancellationToken))
        {
            var runs = page.Values.Where(i => !IsMonitor(i.InstanceId)).Select(ToView).ToList();
            return new RunPage(runs, page.ContinuationToken);
        }

        return new RunPage([], null);
    }

    /// <summary>Runs not yet ended that were started for <paramref name="datasetUri"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> FindUnfinishedAsync(Uri datasetUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datasetUri);
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
            FetchInputsAndOutputs = true,
        };
        var found = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.Name == WorkflowTasks.RunPipeline.Name && instance.ReadInputAs<RunRequest>()?.DatasetUri == datasetUri)
            {
                found.Add(instance);
            }
        }

        return [.. found.OrderBy(i => i.CreatedAt).Select(i => i.InstanceId)];
    }

    /// <summary>Cancels the run; it cancels its fine-tuning job, deletes its files and deployment, and ends Cancelled.</summary>
    public async Task<RunCommandResult> CancelAsync(string runId, CancelRequest request, CancellationToken cancellationToken)
    {
        var run = await RunningAsync(runId, cancellationToken);
        if (run is not RunCommandResult.Accepted)
        {
            return run;
        }

        // The run passes the cancel on to its job monitor itself, whatever step it is in when the event arrives.
        await client.RaiseEventAsync(runId, RunEvents.Cancel, request, cancellationToken);

        logger.LogInformation("Cancel requested for run {RunId}.", runId);
        return RunCommandResult.Accepted;
    }

    /// <summary>Pauses or resumes the run's fine-tuning job; only while the job is being monitored.</summary>
    public async Task<RunCommandResult> ControlJobAsync(string runId, JobControlRequest request, CancellationToken cancellationToken)
    {
        var run = await RunningAsync(runId, cancellationToken);
        if (run is not RunCommandResult.Accepted)
        {
            return run;
        }

        // The DPO job's monitor, or while the SFT stage trains, the SFT job's.
        var monitor = RunEvents.MonitorInstanceId(runId);
        if (!await IsRunningAsync(monitor, cancellationToken))
        {
            monitor = RunEvents.SftMonitorInstanceId(runId);
            if (!await IsRunningAsync(monitor, cancellationToken))
            {
                return RunCommandResult.Conflict;
            }
        }

        await client.RaiseEventAsync(monitor, RunEvents.JobControl, request, cancellationToken);
        logger.LogInformation("{Action} requested for the job of run {RunId}.", request.Action, runId);
        return RunCommandResult.Accepted;
    }

    public Task<RunCommandResult> ApproveAsync(string runId, ApprovalDecision decision, CancellationToken cancellationToken) =>
        RaiseInPhaseAsync(runId, RunPhase.AwaitingApproval, RunEvents.Approval, decision, cancellationToken);

    public Task<RunCommandResult> DeleteDeploymentAsync(string runId, DeleteDeploymentRequest request, CancellationToken cancellationToken) =>
        RaiseInPhaseAsync(runId, RunPhase.Serving, RunEvents.DeleteDeployment, request, cancellationToken);

    /// <summary>Forgets a finished run and its monitor; a run still going must be cancelled first.</summary>
    public async Task<RunCommandResult> PurgeAsync(string runId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || IsMonitor(runId))
        {
            return RunCommandResult.NotFound;
        }

        if (!instance.IsCompleted)
        {
            return RunCommandResult.Conflict;
        }

        await client.PurgeInstanceAsync(RunEvents.MonitorInstanceId(runId), cancellationToken);
        await client.PurgeInstanceAsync(RunEvents.SftMonitorInstanceId(runId), cancellationToken);
        await client.PurgeInstanceAsync(runId, cancellationToken);
        logger.LogInformation("Purged the history of run {RunId}.", runId);
        return RunCommandResult.Accepted;
    }

    private async Task<RunCommandResult> RaiseInPhaseAsync<T>(
        string runId, RunPhase phase, string eventName, T payload, CancellationToken cancellationToken)
    {
        var view = await GetAsync(runId, cancellationToken);
        if (view is null)
        {
            return RunCommandResult.NotFound;
        }

        if (view.Status?.Phase != phase || view.Outcome is not null)
        {
            return RunCommandResult.Conflict;
        }

        await client.RaiseEventAsync(runId, eventName, payload, cancellationToken);
        logger.LogInformation("Raised {EventName} on run {RunId}.", eventName, runId);
        return RunCommandResult.Accepted;
    }

    private async Task<RunCommandResult> RunningAsync(string runId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
        return instance is null || IsMonitor(runId) ? RunCommandResult.NotFound
            : instance.IsCompleted ? RunCommandResult.Conflict
            : RunCommandResult.Accepted;
    }

    private async Task<bool> IsRunningAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        return instance is { IsCompleted: false };
    }

    private static bool IsMonitor(string instanceId) => instanceId.EndsWith(RunEvents.MonitorInstanceId(string.Empty), StringComparison.Ordinal);

    private static RunView ToView(OrchestrationMetadata instance)
    {
        var result = instance.IsCompleted && instance.SerializedOutput is not null ? instance.ReadOutputAs<RunResult>() : null;
        var status = result?.Status ?? (instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<RunStatus>());
        return new RunView(
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            status,
            result?.Outcome,
            instance.FailureDetails?.ErrorMessage);
    }
}
