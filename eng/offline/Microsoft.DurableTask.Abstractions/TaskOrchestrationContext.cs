using Microsoft.Extensions.Logging;

namespace Microsoft.DurableTask;

/// <summary>
/// Stand-in: the context an orchestrator schedules work through. The abstract member set is exactly the package's
/// (1.28.0), so a subclass written against this stand-in also compiles against the package. The non-abstract members
/// are the overloads we call, implemented here over the abstract ones with the package's documented behaviour.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }

    public abstract ParentOrchestrationInstance? Parent { get; }

    public abstract DateTime CurrentUtcDateTime { get; }

    public abstract bool IsReplaying { get; }

    protected abstract ILoggerFactory LoggerFactory { get; }

    public abstract T? GetInput<T>();

    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        this.CallActivityAsync<object>(name, input, options);

    public virtual Task CallActivityAsync(TaskName name, TaskOptions options) =>
        this.CallActivityAsync(name, null, options);

    public virtual Task<TResult> CallActivityAsync<TResult>(TaskName name, TaskOptions options) =>
        this.CallActivityAsync<TResult>(name, null, options);

    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        this.CreateTimer(this.CurrentUtcDateTime.Add(delay), cancellationToken);

    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) =>
        this.WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    /// <remarks>Races a durable timer; when the timer wins the returned task throws <see cref="TaskCanceledException"/>.</remarks>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timerStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = this.CreateTimer(timeout, timerStop.Token);
        var received = this.WaitForExternalEvent<T>(eventName, eventStop.Token);
        if (await Task.WhenAny(timer, received) == received)
        {
            timerStop.Cancel();
        }
        else
        {
            eventStop.Cancel();
        }

        return await received;
    }

    public abstract void SendEvent(string instanceId, string eventName, object payload);

    public abstract void SetCustomStatus(object? customStatus);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, TaskOptions options) =>
        this.CallSubOrchestratorAsync<TResult>(orchestratorName, null, options);

    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, TaskOptions options) =>
        this.CallSubOrchestratorAsync<object>(orchestratorName, null, options);

    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        this.CallSubOrchestratorAsync<object>(orchestratorName, input, options);

    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    public virtual void ContinueAsNew(ContinueAsNewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.ContinueAsNew(options.NewInput, options.PreserveUnprocessedEvents);
    }

    public abstract Guid NewGuid();

    public virtual ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, this.LoggerFactory.CreateLogger(categoryName));

    public virtual ILogger CreateReplaySafeLogger(Type type) =>
        new ReplaySafeLogger(this, this.LoggerFactory.CreateLogger(type));

    public virtual ILogger CreateReplaySafeLogger<T>() => this.CreateReplaySafeLogger(typeof(T));

    /// <summary>Drops log entries written while the orchestrator replays, so each entry is written once.</summary>
    private sealed class ReplaySafeLogger(TaskOrchestrationContext context, ILogger logger) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logger.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && logger.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
