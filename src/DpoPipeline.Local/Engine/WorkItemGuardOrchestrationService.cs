using System.Collections.Concurrent;
using DurableTask.Core;

namespace DpoPipeline.Local.Engine;

/// <summary>
/// Two things the gRPC sidecar's dispatchers do not do, which a backend with message locks (DurableTask.AzureStorage)
/// needs:
/// <list type="bullet">
/// <item>Renew activity locks. The sidecar never does, so an activity running longer than the queue's visibility
/// timeout (a large dataset, an evaluation) would be handed out a second time and run twice.</item>
/// <item>Stop cleanly. The sidecar stops from a fire-and-forget callback after its worker is gone, so a work item in
/// flight never completes, the backend's shutdown waits a minute for it, and its message stays locked for the next
/// engine. <see cref="QuiesceAsync"/> stops handing out work and waits for what is in flight while the worker still runs.</item>
/// </list>
/// </summary>
public sealed class WorkItemGuardOrchestrationService(IOrchestrationService inner, TimeSpan? renewActivityLocksEvery)
    : DelegatingOrchestrationService(inner)
{
    private readonly CancellationTokenSource _quiescing = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<object, LockRenewal?> _inFlight = new(ReferenceEqualityComparer.Instance);
    private int _fetching;

    /// <summary>Hands out no more work items and waits (up to <paramref name="timeout"/>) until those in flight are done.</summary>
    public async Task QuiesceAsync(TimeSpan timeout)
    {
        await _quiescing.CancelAsync();
        SignalIfIdle();
        try
        {
            await _idle.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // What is still in flight is redone by the next engine once its lock runs out.
        }
    }

    public override Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        LockNextAsync(token => Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, token), renew: null, cancellationToken);

    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await base.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }
        finally
        {
            await EndAsync(workItem);
        }
    }

    public override Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        LockNextAsync(
            token => Inner.LockNextTaskActivityWorkItem(receiveTimeout, token),
            renewActivityLocksEvery is { } every ? item => LockRenewal.Start(() => Inner.RenewTaskActivityWorkItemLockAsync(item), every) : null,
            cancellationToken);

    // The sidecar completes or abandons an activity and never releases it.
    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await StopRenewingAsync(workItem);
        try
        {
            await base.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            await EndAsync(workItem);
        }
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        try
        {
            await base.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            await EndAsync(workItem);
        }
    }

    private async Task<T> LockNextAsync<T>(Func<CancellationToken, Task<T>> lockNext, Func<T, LockRenewal>? renew, CancellationToken cancellationToken)
        where T : class
    {
        T? item = null;
        Interlocked.Increment(ref _fetching);
        try
        {
            if (!_quiescing.IsCancellationRequested)
            {
                using var fetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _quiescing.Token);
                try
                {
                    item = await lockNext(fetch.Token);
                }
                catch (OperationCanceledException) when (_quiescing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // Quiescing: no new work.
                }
            }

            if (item is not null)
            {
                _inFlight[item] = renew?.Invoke(item);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _fetching);
            SignalIfIdle();
        }

        if (item is null && _quiescing.IsCancellationRequested)
        {
            // Returning null would make the dispatcher ask again at once; wait for it to stop instead.
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return item!;
    }

    private async Task StopRenewingAsync(object workItem)
    {
        if (_inFlight.TryGetValue(workItem, out var renewal) && renewal is not null)
        {
            await renewal.StopAsync();
        }
    }

    private Task EndAsync(object workItem)
    {
        _inFlight.TryRemove(workItem, out _);
        SignalIfIdle();
        return Task.CompletedTask;
    }

    private void SignalIfIdle()
    {
        if (_quiescing.IsCancellationRequested && Volatile.Read(ref _fetching) == 0 && _inFlight.IsEmpty)
        {
            _idle.TrySetResult();
        }
    }
}
