using DpoPipeline.Core.Sweeps;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Quotas;
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
    private static readonly SemaphoreSlim CoordinatorStart = new(1, 1);

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

        await EnsureQuotaCoordinatorAsync(cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowTasks.RunPipeline.Name, request, new StartOrchestrationOptions(request.RunId), cancellationToken);
        logger.LogInformation("Started run {RunId} for {DatasetUri}.", request.RunId, request.DatasetUri);
        return new StartRunResult(request.RunId, Started: true);
    }

    /// <summary>
    /// Starts the task hub's quota coordinator unless it runs. One that failed or was terminated is started again with the
    /// line it last showed, so no run loses its place.
    /// </summary>
    public async Task EnsureQuotaCoordinatorAsync(CancellationToken cancellationToken)
    {
        // Runs started at once in one process must not race to create it: not every backend refuses a second create of a
        // running instance (the in-memory one replaces it). Across processes the Azure Storage backend refuses it.
        await CoordinatorStart.WaitAsync(cancellationToken);
        try
        {
            await StartQuotaCoordinatorUnlessRunningAsync(cancellationToken);
        }
        finally
        {
            CoordinatorStart.Release();
        }
    }

    private async Task StartQuotaCoordinatorUnlessRunningAsync(CancellationToken cancellationToken)
    {
        var coordinator = await client.GetInstanceAsync(QuotaEvents.CoordinatorInstanceId, getInputsAndOutputs: true, cancellationToken);
        if (coordinator is { IsCompleted: false })
        {
            return;
        }

        var carried = LineOf(coordinator) is { } last ? last with { Limits = null } : null;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                WorkflowTasks.QuotaCoordinator.Name, carried, new StartOrchestrationOptions(QuotaEvents.CoordinatorInstanceId), cancellationToken);
            logger.LogInformation("Started the quota coordinator ({Status} before).", coordinator?.RuntimeStatus.ToString() ?? "none");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Two starts at once: the other one won, which is all this wanted.
            if (!await IsRunningAsync(QuotaEvents.CoordinatorInstanceId, cancellationToken))
            {
                throw;
            }
        }
    }

    /// <summary>The quota line as the coordinator last showed it, or null before any run started it.</summary>
    public async Task<QuotaCoordinatorState?> GetQuotaAsync(CancellationToken cancellationToken) =>
        LineOf(await client.GetInstanceAsync(QuotaEvents.CoordinatorInstanceId, getInputsAndOutputs: true, cancellationToken));

    private static QuotaCoordinatorState? LineOf(OrchestrationMetadata? coordinator) =>
        coordinator?.SerializedCustomStatus is null ? null : coordinator.ReadCustomStatusAs<QuotaCoordinatorState>();

    /// <summary>
    /// Gives up the slots and places of holders whose run has ended without saying so (terminated by an operator, or
    /// purged): a run releases what it holds itself at every ending it sees.
    /// </summary>
    /// <returns>The holders released.</returns>
    public async Task<IReadOnlyList<string>> ReleaseQuotaOfEndedRunsAsync(CancellationToken cancellationToken)
    {
        if (await GetQuotaAsync(cancellationToken) is not { } quota)
        {
            return [];
        }

        await EnsureQuotaCoordinatorAsync(cancellationToken);
        var released = new List<string>();
        foreach (var holder in quota.Ledger.Holders.Concat(quota.Ledger.Waiters).Select(c => c.Holder).Distinct())
        {
            if (!await IsRunningAsync(holder, cancellationToken))
            {
                await client.RaiseEventAsync(
                    QuotaEvents.CoordinatorInstanceId, QuotaEvents.Message, new QuotaMessage(QuotaMessageType.Release, holder), cancellationToken);
                released.Add(holder);
            }
        }

        if (released.Count > 0)
        {
            logger.LogWarning("Released the quota slots of {Count} ended run(s): {Holders}.", released.Count, string.Join(", ", released));
        }

        return released;
    }

    public async Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is not null;

    public async Task<RunView?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || IsInternal(instance.InstanceId))
        {
            return null;
        }

        var view = ToView(instance);
        if (view.Status?.Phase != RunPhase.Training)
        {
            return view;
        }

        if (view.Status.Variants.Count > 0)
        {
            return view with { Status = view.Status with { Variants = await LiveVariantsAsync(runId, view.Status.Variants, cancellationToken) } };
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
            var runs = page.Values.Where(i => !IsInternal(i.InstanceId)).Select(ToView).ToList();
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

        // The DPO job's monitor, the SFT job's while the SFT stage trains, or those of a sweep's variants that train.
        var variants = (await GetAsync(runId, cancellationToken))?.Status?.Variants ?? [];
        string[] monitors =
        [
            RunEvents.MonitorInstanceId(runId),
            RunEvents.SftMonitorInstanceId(runId),
            .. variants.Select(v => RunEvents.MonitorInstanceId(SweepVariantIds.For(runId, v.Index))),
        ];
        var reached = 0;
        foreach (var monitor in monitors)
        {
            if (await IsRunningAsync(monitor, cancellationToken))
            {
                await client.RaiseEventAsync(monitor, RunEvents.JobControl, request, cancellationToken);
                reached++;
            }
        }

        if (reached == 0)
        {
            return RunCommandResult.Conflict;
        }

        logger.LogInformation("{Action} requested for {Count} job(s) of run {RunId}.", request.Action, reached, runId);
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
        if (instance is null || IsInternal(runId))
        {
            return RunCommandResult.NotFound;
        }

        if (!instance.IsCompleted)
        {
            return RunCommandResult.Conflict;
        }

        await client.PurgeInstanceAsync(RunEvents.MonitorInstanceId(runId), cancellationToken);
        await client.PurgeInstanceAsync(RunEvents.SftMonitorInstanceId(runId), cancellationToken);
        foreach (var variant in (instance.IsCompleted ? (await GetAsync(runId, cancellationToken))?.Status?.Variants : null) ?? [])
        {
            var variantId = SweepVariantIds.For(runId, variant.Index);
            await client.PurgeInstanceAsync(RunEvents.MonitorInstanceId(variantId), cancellationToken);
            await client.PurgeInstanceAsync(variantId, cancellationToken);
        }

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
        return instance is null || IsInternal(runId) ? RunCommandResult.NotFound
            : instance.IsCompleted ? RunCommandResult.Conflict
            : RunCommandResult.Accepted;
    }

    private async Task<bool> IsRunningAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        return instance is { IsCompleted: false };
    }

    /// <summary>A sweep's variants publish their progress as they go; the run learns it when each ends.</summary>
    private async Task<IReadOnlyList<VariantResult>> LiveVariantsAsync(string runId, IReadOnlyList<VariantResult> variants, CancellationToken cancellationToken)
    {
        var live = new List<VariantResult>(variants.Count);
        foreach (var variant in variants)
        {
            var child = variant.IsTerminal ? null
                : await client.GetInstanceAsync(SweepVariantIds.For(runId, variant.Index), getInputsAndOutputs: true, cancellationToken);
            live.Add(child?.SerializedCustomStatus is null ? variant : child.ReadCustomStatusAs<VariantResult>() ?? variant);
        }

        return live;
    }

    // Job monitors, sweep variants and the quota coordinator are instances of the task hub, not runs.
    private static bool IsInternal(string instanceId) =>
        instanceId.EndsWith(RunEvents.MonitorInstanceId(string.Empty), StringComparison.Ordinal) || instanceId == QuotaEvents.CoordinatorInstanceId
        || SweepVariantIds.TryParse(instanceId, out _, out _);

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
