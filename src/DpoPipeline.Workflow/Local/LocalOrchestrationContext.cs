using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Local;

/// <summary>
/// The <see cref="TaskOrchestrationContext"/> of one episode of a local instance. Each episode runs the orchestrator
/// from the start: every piece of work it schedules gets the next sequence number and, while history lasts, must be
/// the same kind and name as what history recorded under that number, or the episode fails with
/// <see cref="NonDeterministicOrchestrationException"/>. Completions are fed back in recorded order, so the code sees
/// the same results at the same <see cref="CurrentUtcDateTime"/> as the first time.
/// </summary>
internal sealed class LocalOrchestrationContext(
    LocalInstanceIdentity identity,
    IReadOnlyList<LocalHistoryEvent> recordedActions,
    ILoggerFactory loggerFactory) : TaskOrchestrationContext
{
    /// <summary>Serialized custom status is capped like the Durable providers cap it (16 KB of UTF-16 text).</summary>
    internal const int MaxCustomStatusLength = 8 * 1024;

    private readonly List<LocalHistoryEvent> newActions = [];
    private readonly Dictionary<int, TaskCompletionSource<LocalHistoryEvent>> openTasks = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string? Payload)> bufferedEvents = [];
    private readonly List<int> cancelledTimers = [];
    private int nextTaskId;
    private int newGuidCount;

    public override TaskName Name => identity.Name;

    public override string InstanceId => identity.InstanceId;

    public override ParentOrchestrationInstance? Parent => identity.Parent;

    public override DateTime CurrentUtcDateTime => this.Now.UtcDateTime;

    public override bool IsReplaying => this.Replaying;

    internal DateTimeOffset Now { get; set; }

    internal bool Replaying { get; set; }

    internal string? SerializedInput { get; set; }

    /// <summary>Work scheduled beyond the recorded history: the host carries it out after the episode.</summary>
    internal IReadOnlyList<LocalHistoryEvent> NewActions => this.newActions;

    internal IReadOnlyList<int> CancelledTimers => this.cancelledTimers;

    internal int ScheduledCount => this.nextTaskId;

    internal bool CustomStatusSet { get; private set; }

    internal string? SerializedCustomStatus { get; private set; }

    internal NonDeterministicOrchestrationException? NonDeterminism { get; private set; }

    internal ContinueAsNewRequest? ContinueAsNewRequested { get; private set; }

    protected override ILoggerFactory LoggerFactory => loggerFactory;

    public override T? GetInput<T>()
        where T : default => DurableJson.Deserialize<T>(this.SerializedInput);

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var serialized = DurableJson.Serialize(input);
        return this.WithRetriesAsync(options, () => this.CallActivityOnceAsync<TResult>(name, serialized));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        // Decided once, outside the retries: a retried sub-orchestration keeps its instance id.
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId ?? this.NewGuid().ToString("N");
        var serialized = DurableJson.Serialize(input);
        return this.WithRetriesAsync(options, () => this.CallSubOrchestratorOnceAsync<TResult>(orchestratorName, instanceId, serialized));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var utcFireAt = DateTime.SpecifyKind(fireAt.ToUniversalTime(), DateTimeKind.Utc);
        var (id, completion) = this.Schedule(new LocalHistoryEvent(LocalHistoryEventKind.TimerCreated, this.Now) { FireAt = utcFireAt });
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (completion.TrySetCanceled(cancellationToken))
                {
                    this.cancelledTimers.Add(id);
                }
            });
        }

        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var received = new TaskCompletionSource<T>();
        var buffered = this.bufferedEvents.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (buffered >= 0)
        {
            var payload = this.bufferedEvents[buffered].Payload;
            this.bufferedEvents.RemoveAt(buffered);
            Deliver(received, payload);
            return received.Task;
        }

        if (!this.waiters.TryGetValue(eventName, out var queue))
        {
            queue = new LinkedList<EventWaiter>();
            this.waiters[eventName] = queue;
        }

        var node = queue.AddLast(new EventWaiter(payload => Deliver(received, payload)));
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    queue.Remove(node);
                    received.TrySetCanceled(cancellationToken);
                }
            });
        }

        return received.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        this.Schedule(new LocalHistoryEvent(LocalHistoryEventKind.EventSent, this.Now)
        {
            Name = eventName,
            TargetInstanceId = instanceId,
            Payload = DurableJson.Serialize(payload),
        });
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var serialized = DurableJson.Serialize(customStatus);
        if (serialized is { Length: > MaxCustomStatusLength })
        {
            throw new ArgumentException(
                $"The custom status is {serialized.Length} characters of JSON; Durable Functions allows at most {MaxCustomStatusLength}.",
                nameof(customStatus));
        }

        this.SerializedCustomStatus = serialized;
        this.CustomStatusSet = true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        this.ContinueAsNewRequested = new ContinueAsNewRequest(DurableJson.Serialize(newInput), preserveUnprocessedEvents);

    /// <summary>A name-based GUID of the instance, the orchestration time and a counter: the same on every replay.</summary>
    public override Guid NewGuid()
    {
        var seed = $"{this.InstanceId}|{this.Now.UtcTicks}|{this.newGuidCount++}";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Completes the scheduled work an event reports on.</summary>
    internal void Complete(LocalHistoryEvent completion)
    {
        if (!this.openTasks.Remove(completion.TaskId, out var open))
        {
            this.NonDeterminism ??= new NonDeterministicOrchestrationException(
                $"History reports {completion.Kind} for task #{completion.TaskId}, which the orchestrator '{this.Name}' did not schedule.");
            return;
        }

        open.TrySetResult(completion);
    }

    /// <summary>Hands an external event to the oldest waiter for its name, or keeps it until one asks.</summary>
    internal void Raise(string name, string? payload)
    {
        if (this.waiters.TryGetValue(name, out var queue) && queue.First is { } first)
        {
            queue.RemoveFirst();
            first.Value.Receive(payload);
            return;
        }

        this.bufferedEvents.Add((name, payload));
    }

    /// <summary>Events received but not yet asked for: carried into the next generation by ContinueAsNew.</summary>
    internal IReadOnlyList<(string Name, string? Payload)> UnprocessedEvents => this.bufferedEvents;

    internal void CheckAllRecordedActionsReplayed()
    {
        if (this.NonDeterminism is null && this.nextTaskId < recordedActions.Count)
        {
            var missing = recordedActions[this.nextTaskId];
            this.NonDeterminism = new NonDeterministicOrchestrationException(
                $"History has {recordedActions.Count} scheduled steps but the orchestrator '{this.Name}' scheduled only {this.nextTaskId}; " +
                $"the first one missing is #{missing.TaskId} {missing.Kind} '{missing.Name}'.");
        }
    }

    private static void Deliver<T>(TaskCompletionSource<T> received, string? payload)
    {
        try
        {
            received.TrySetResult(DurableJson.Deserialize<T>(payload)!);
        }
        catch (System.Text.Json.JsonException e)
        {
            received.TrySetException(e);
        }
    }

    private async Task<TResult> CallActivityOnceAsync<TResult>(TaskName name, string? input)
    {
        var (id, completion) = this.Schedule(new LocalHistoryEvent(LocalHistoryEventKind.TaskScheduled, this.Now) { Name = name.Name, Payload = input });
        var outcome = await completion.Task;
        return outcome.Kind == LocalHistoryEventKind.TaskFailed
            ? throw new TaskFailedException(name.Name, id, outcome.Failure!)
            : DurableJson.Deserialize<TResult>(outcome.Payload)!;
    }

    private async Task<TResult> CallSubOrchestratorOnceAsync<TResult>(TaskName name, string instanceId, string? input)
    {
        var (id, completion) = this.Schedule(new LocalHistoryEvent(LocalHistoryEventKind.SubOrchestrationCreated, this.Now)
        {
            Name = name.Name,
            TargetInstanceId = instanceId,
            Payload = input,
        });
        var outcome = await completion.Task;
        return outcome.Kind == LocalHistoryEventKind.SubOrchestrationFailed
            ? throw new TaskFailedException(name.Name, id, outcome.Failure!)
            : DurableJson.Deserialize<TResult>(outcome.Payload)!;
    }

    /// <summary>
    /// Retries per the options' <see cref="RetryPolicy"/> the way the Durable Task SDK does: inside the orchestration,
    /// with a durable timer between attempts, so the retries are in the history and replay like everything else.
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(TaskOptions? options, Func<Task<T>> attempt)
    {
        var policy = options?.Retry?.Policy;
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttemptAt = this.Now;
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            TimeSpan delay;
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure) when (attemptNumber < policy.MaxNumberOfAttempts && policy.Handle(failure))
            {
                delay = RetryDelay(policy, attemptNumber);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && this.Now + delay > firstAttemptAt + policy.RetryTimeout)
                {
                    throw;
                }
            }

            await this.CreateTimer(this.CurrentUtcDateTime + delay, CancellationToken.None);
        }
    }

    private static TimeSpan RetryDelay(RetryPolicy policy, int attemptNumber)
    {
        var ticks = policy.FirstRetryInterval.Ticks * Math.Pow(policy.BackoffCoefficient, attemptNumber - 1);
        var cap = policy.MaxRetryInterval == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue.Ticks : policy.MaxRetryInterval.Ticks;
        return TimeSpan.FromTicks((long)Math.Min(ticks, cap));
    }

    private (int Id, TaskCompletionSource<LocalHistoryEvent> Completion) Schedule(LocalHistoryEvent action)
    {
        if (this.NonDeterminism is not null)
        {
            throw this.NonDeterminism;
        }

        var id = this.nextTaskId++;
        action = action with { TaskId = id };
        if (id < recordedActions.Count)
        {
            var recorded = recordedActions[id];
            if (recorded.Kind != action.Kind || !string.Equals(recorded.Name, action.Name, StringComparison.OrdinalIgnoreCase))
            {
                this.NonDeterminism = new NonDeterministicOrchestrationException(
                    $"Replaying '{this.Name}' ({this.InstanceId}): step #{id} was {recorded.Kind} '{recorded.Name}' " +
                    $"but the orchestrator now schedules {action.Kind} '{action.Name}'. Orchestrator code must be deterministic.");
                throw this.NonDeterminism;
            }
        }
        else
        {
            this.newActions.Add(action);
        }

        var completion = new TaskCompletionSource<LocalHistoryEvent>();
        if (action.Kind != LocalHistoryEventKind.EventSent)
        {
            this.openTasks[id] = completion;
        }

        return (id, completion);
    }

    private sealed record EventWaiter(Action<string?> Receive);
}
