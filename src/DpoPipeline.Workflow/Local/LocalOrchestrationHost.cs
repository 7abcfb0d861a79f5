using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DpoPipeline.Workflow.Local;

/// <summary>
/// Runs orchestrators and activities in this process the way the Durable Task runtime does, without its storage:
/// every episode replays the orchestrator from the start against the recorded history (catching nondeterminism),
/// durable timers wait on the <see cref="TimeProvider"/> (a FakeTimeProvider makes days pass instantly), retries follow
/// the tasks' <see cref="RetryPolicy"/>, sub-orchestrations and ContinueAsNew behave as in Azure.
/// State lives in memory only: a local run is not durable and ends with the process.
/// </summary>
public sealed partial class LocalOrchestrationHost : IAsyncDisposable
{
    private readonly LocalTaskRegistry registry;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly Dictionary<string, LocalInstance> instances = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    // Lock order: gate (the instance table) before an instance; an instance before busyGate; busyGate takes no other lock.
    private readonly object gate = new();
    private readonly object busyGate = new();
    private int busy;
    private TaskCompletionSource? idle;

    public LocalOrchestrationHost(LocalTaskRegistry registry, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.registry = registry;
        this.time = timeProvider;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        this.logger = this.loggerFactory.CreateLogger<LocalOrchestrationHost>();
    }

    /// <summary>Starts an instance. An id whose instance has ended is reused; one still running is refused.</summary>
    /// <exception cref="ArgumentException">No orchestrator of that name is registered.</exception>
    /// <exception cref="InvalidOperationException">An instance with that id exists and has not ended.</exception>
    public Task<string> StartAsync(TaskName orchestratorName, string instanceId, object? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!this.registry.HasOrchestrator(orchestratorName))
        {
            throw new ArgumentException($"No orchestrator named '{orchestratorName.Name}' is registered.", nameof(orchestratorName));
        }

        var instance = this.Create(new LocalInstanceIdentity(orchestratorName, instanceId, null), DurableJson.Serialize(input), null);
        this.Enqueue(instance, 0, new LocalHistoryEvent(LocalHistoryEventKind.ExecutionStarted, this.time.GetUtcNow())
        {
            Name = orchestratorName.Name,
            Payload = instance.SerializedInput,
        });
        return Task.FromResult(instanceId);
    }

    /// <summary>Sends an event to an instance. Events for an unknown or ended instance are dropped, as in Azure.</summary>
    public Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        cancellationToken.ThrowIfCancellationRequested();
        this.Raise(instanceId, eventName, DurableJson.Serialize(payload));
        return Task.CompletedTask;
    }

    /// <summary>Ends a running instance as Terminated with <paramref name="output"/>; ended or unknown instances are left alone.</summary>
    public Task TerminateAsync(string instanceId, object? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        if (this.Find(instanceId) is { } instance)
        {
            this.Enqueue(instance, LocalWorkItem.AnyGeneration, new LocalHistoryEvent(LocalHistoryEventKind.ExecutionTerminated, this.time.GetUtcNow())
            {
                Payload = DurableJson.Serialize(output),
            });
        }

        return Task.CompletedTask;
    }

    public LocalInstanceStatus? GetStatus(string instanceId)
    {
        var instance = this.Find(instanceId);
        if (instance is null)
        {
            return null;
        }

        lock (instance)
        {
            return instance.Snapshot();
        }
    }

    /// <summary>All instances, oldest first.</summary>
    public IReadOnlyList<LocalInstanceStatus> GetInstances()
    {
        LocalInstance[] all;
        lock (this.gate)
        {
            all = [.. this.instances.Values];
        }

        return [.. all.Select(i => { lock (i) { return i.Snapshot(); } }).OrderBy(s => s.CreatedAt).ThenBy(s => s.InstanceId, StringComparer.Ordinal)];
    }

    /// <summary>The current generation's history (ContinueAsNew starts a new one).</summary>
    public IReadOnlyList<LocalHistoryEvent> GetHistory(string instanceId)
    {
        var instance = this.Find(instanceId) ?? throw UnknownInstance(instanceId);
        lock (instance)
        {
            return [.. instance.History];
        }
    }

    /// <summary>Waits until the instance has run its first episode (or ended).</summary>
    public async Task<LocalInstanceStatus> WaitForStartAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var instance = this.Find(instanceId) ?? throw UnknownInstance(instanceId);
        await instance.Started.Task.WaitAsync(cancellationToken);
        return this.GetStatus(instanceId)!;
    }

    /// <summary>Waits until the instance completes, fails or is terminated. Pass a token: a waiting instance never ends by itself.</summary>
    public async Task<LocalInstanceStatus> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var instance = this.Find(instanceId) ?? throw UnknownInstance(instanceId);
        await instance.Finished.Task.WaitAsync(cancellationToken);
        lock (instance)
        {
            return instance.Snapshot();
        }
    }

    /// <summary>
    /// Waits until nothing runs: no episode and no activity. What is left waits on durable timers or external events,
    /// so a test can then advance its FakeTimeProvider or raise an event.
    /// </summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (this.busyGate)
        {
            if (this.busy == 0)
            {
                return Task.CompletedTask;
            }

            this.idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return this.idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>When the earliest pending durable timer of any instance fires, or null when none is pending.</summary>
    public DateTimeOffset? GetNextTimerDue()
    {
        LocalInstance[] all;
        lock (this.gate)
        {
            all = [.. this.instances.Values];
        }

        return all
            .SelectMany(i => { lock (i) { return i.Timers.Values.Select(t => t.FireAt).ToList(); } })
            .Select(t => (DateTimeOffset?)t)
            .Min();
    }

    /// <summary>
    /// Drives an instance to its end on a virtual clock: whenever nothing runs, moves the clock to the next durable
    /// timer through <paramref name="advanceClock"/> (for example <c>FakeTimeProvider.Advance</c>), so days of polling
    /// pass in moments. The clock must be the host's <see cref="TimeProvider"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The instance waits for an external event and no durable timer is pending.</exception>
    public async Task<LocalInstanceStatus> RunToCompletionAsync(
        string instanceId, Action<TimeSpan> advanceClock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(advanceClock);
        while (true)
        {
            await this.WaitForIdleAsync(cancellationToken);
            var status = this.GetStatus(instanceId) ?? throw UnknownInstance(instanceId);
            if (status.IsTerminal)
            {
                return status;
            }

            var next = this.GetNextTimerDue() ?? throw new InvalidOperationException(
                $"Instance '{instanceId}' is {status.RuntimeStatus} and waits for an external event: no durable timer is pending.");
            var step = next - this.time.GetUtcNow();
            advanceClock(step > TimeSpan.Zero ? step : TimeSpan.Zero);
        }
    }

    /// <summary>Removes ended instances that match; running ones are kept.</summary>
    /// <returns>How many were removed.</returns>
    public int Purge(Func<LocalInstanceStatus, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (this.gate)
        {
            var purged = this.instances.Values
                .Select(i => { lock (i) { return (Instance: i, Status: i.Snapshot()); } })
                .Where(x => x.Status.IsTerminal && predicate(x.Status))
                .ToList();
            foreach (var (instance, _) in purged)
            {
                this.instances.Remove(instance.Identity.InstanceId);
            }

            return purged.Count;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await this.stopping.CancelAsync();
        lock (this.gate)
        {
            foreach (var instance in this.instances.Values)
            {
                lock (instance)
                {
                    DisposeTimers(instance);
                }
            }
        }

        this.stopping.Dispose();
    }

    private static ArgumentException UnknownInstance(string instanceId) =>
        new($"No orchestration instance '{instanceId}' exists.", nameof(instanceId));

    private static void DisposeTimers(LocalInstance instance)
    {
        foreach (var pending in instance.Timers.Values)
        {
            pending.Timer.Dispose();
        }

        instance.Timers.Clear();
    }

    private LocalInstance? Find(string instanceId)
    {
        lock (this.gate)
        {
            return this.instances.GetValueOrDefault(instanceId);
        }
    }

    private LocalInstance Create(LocalInstanceIdentity identity, string? serializedInput, LocalParentLink? parentLink)
    {
        lock (this.gate)
        {
            if (this.instances.TryGetValue(identity.InstanceId, out var existing))
            {
                lock (existing)
                {
                    if (!existing.IsTerminal)
                    {
                        throw new InvalidOperationException(
                            $"An orchestration instance '{identity.InstanceId}' already exists and is {existing.RuntimeStatus}.");
                    }
                }
            }

            var instance = new LocalInstance(identity, this.time.GetUtcNow(), serializedInput, parentLink);
            this.instances[identity.InstanceId] = instance;
            return instance;
        }
    }

    private void Raise(string instanceId, string eventName, string? payload)
    {
        if (this.Find(instanceId) is { } instance)
        {
            this.Enqueue(instance, LocalWorkItem.AnyGeneration, new LocalHistoryEvent(LocalHistoryEventKind.EventRaised, this.time.GetUtcNow())
            {
                Name = eventName,
                Payload = payload,
            });
        }
    }

    private void Enqueue(LocalInstance instance, int generation, LocalHistoryEvent historyEvent)
    {
        lock (instance)
        {
            if (instance.IsTerminal)
            {
                return;
            }

            instance.Inbox.AddLast(new LocalWorkItem(generation, historyEvent));
            if (instance.Processing)
            {
                return;
            }

            instance.Processing = true;
            this.AddBusy();
        }

        _ = Task.Run(() => this.Process(instance));
    }

    private void AddBusy()
    {
        lock (this.busyGate)
        {
            this.busy++;
        }
    }

    private void RemoveBusy()
    {
        TaskCompletionSource? nowIdle = null;
        lock (this.busyGate)
        {
            if (--this.busy == 0)
            {
                (nowIdle, this.idle) = (this.idle, null);
            }
        }

        nowIdle?.TrySetResult();
    }

    /// <summary>Runs episodes for the instance until its inbox is empty. One such loop per instance at a time.</summary>
    private void Process(LocalInstance instance)
    {
        try
        {
            while (true)
            {
                List<LocalWorkItem> batch;
                lock (instance)
                {
                    if (instance.Inbox.Count == 0 || this.stopping.IsCancellationRequested)
                    {
                        instance.Processing = false;
                        return;
                    }

                    batch = [.. instance.Inbox];
                    instance.Inbox.Clear();
                }

                try
                {
                    this.RunBatch(instance, batch);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A fault of the runner itself: the instance fails visibly rather than hanging.
                    LogRunnerFault(this.logger, e, instance.Identity.InstanceId);
                    this.End(instance, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(e));
                }
            }
        }
        finally
        {
            this.RemoveBusy();
        }
    }

    private void RunBatch(LocalInstance instance, List<LocalWorkItem> batch)
    {
        int generation;
        lock (instance)
        {
            if (instance.IsTerminal)
            {
                return;
            }

            generation = instance.Generation;
        }

        var events = batch
            .Where(w => w.Generation == LocalWorkItem.AnyGeneration || w.Generation == generation)
            .Select(w => w.Event)
            .ToList();
        var terminate = events.Find(e => e.Kind == LocalHistoryEventKind.ExecutionTerminated);
        if (terminate is not null)
        {
            this.End(instance, OrchestrationRuntimeStatus.Terminated, terminate.Payload, null, terminate);
            return;
        }

        if (events.Count > 0)
        {
            this.RunEpisode(instance, [new LocalHistoryEvent(LocalHistoryEventKind.OrchestratorStarted, this.time.GetUtcNow()), .. events]);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The local runner failed while running instance {InstanceId}.")]
    private static partial void LogRunnerFault(ILogger logger, Exception exception, string instanceId);
}
