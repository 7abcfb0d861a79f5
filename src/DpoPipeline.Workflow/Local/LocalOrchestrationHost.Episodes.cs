using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Local;

/// <summary>Episodes: replaying an orchestrator against its history, then carrying out what it newly scheduled.</summary>
public sealed partial class LocalOrchestrationHost
{
    private void RunEpisode(LocalInstance instance, List<LocalHistoryEvent> newEvents)
    {
        List<LocalHistoryEvent> recordedInputs;
        List<LocalHistoryEvent> recordedActions;
        string? customStatus;
        lock (instance)
        {
            recordedInputs = [.. instance.History.Where(e => e.IsInput)];
            recordedActions = [.. instance.History.Where(e => e.IsAction)];
            customStatus = instance.SerializedCustomStatus;
        }

        var context = new LocalOrchestrationContext(instance.Identity, recordedActions, this.loggerFactory);
        var run = this.Replay(context, [.. recordedInputs, .. newEvents], recordedInputs.Count, () => this.End(
            instance,
            OrchestrationRuntimeStatus.Failed,
            null,
            TaskFailureDetails.FromException(new InvalidOperationException(
                $"Orchestrator '{instance.Identity.Name.Name}' awaited something other than a durable task (Task.Delay, Task.Run, I/O...). " +
                "Orchestrators may only await the context's tasks; use CreateTimer for delays and activities for I/O."))));
        if (run is null || !run.IsFaulted)
        {
            context.CheckAllRecordedActionsReplayed();
        }

        lock (instance)
        {
            instance.History.AddRange(newEvents);
            instance.History.AddRange(context.NewActions);
            instance.TotalHistoryEvents += newEvents.Count + context.NewActions.Count;
            instance.SerializedCustomStatus = context.CustomStatusSet ? context.SerializedCustomStatus : customStatus;
            instance.LastUpdatedAt = context.Now;
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
            {
                instance.RuntimeStatus = OrchestrationRuntimeStatus.Running;
            }
        }

        instance.Started.TrySetResult();
        if (context.NonDeterminism is { } nondeterminism)
        {
            this.End(instance, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(nondeterminism));
        }
        else if (run is { IsFaulted: true } or { IsCanceled: true })
        {
            var error = run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
            this.End(instance, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(error));
        }
        else if (run is { IsCompletedSuccessfully: true } && context.ContinueAsNewRequested is { } restart)
        {
            this.ContinueAsNew(instance, context, restart);
        }
        else if (run is { IsCompletedSuccessfully: true })
        {
            this.End(instance, OrchestrationRuntimeStatus.Completed, run.Result, null);
        }
        else
        {
            this.Dispatch(instance, context);
        }
    }

    /// <summary>Feeds the events to the orchestrator in order, on one thread, running its continuations after each.</summary>
    /// <returns>The orchestrator's task, or null when the events did not start it.</returns>
    private Task<string?>? Replay(LocalOrchestrationContext context, List<LocalHistoryEvent> inputs, int recordedCount, Action onLatePost)
    {
        var pump = new OrchestrationPump(onLatePost);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(pump);
        try
        {
            Task<string?>? run = null;
            for (var i = 0; i < inputs.Count && context.NonDeterminism is null && run?.IsCompleted != true; i++)
            {
                var input = inputs[i];
                context.Replaying = i < recordedCount;
                switch (input.Kind)
                {
                    case LocalHistoryEventKind.OrchestratorStarted:
                        context.Now = input.Timestamp;
                        break;
                    case LocalHistoryEventKind.ExecutionStarted:
                        context.SerializedInput = input.Payload;
                        run = this.Invoke(context, input);
                        break;
                    case LocalHistoryEventKind.EventRaised:
                        context.Raise(input.Name!, input.Payload);
                        break;
                    default:
                        context.Complete(input);
                        break;
                }

                pump.RunAll();
            }

            return run;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            pump.Close();
        }
    }

    private Task<string?> Invoke(LocalOrchestrationContext context, LocalHistoryEvent started)
    {
        if (!this.registry.TryGetOrchestrator(started.Name!, out var orchestrator))
        {
            return Task.FromException<string?>(new InvalidOperationException($"No orchestrator named '{started.Name}' is registered."));
        }

        try
        {
            return orchestrator(context, started.Payload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromException<string?>(e);
        }
    }

    /// <summary>Carries out the work the episode newly scheduled.</summary>
    private void Dispatch(LocalInstance instance, LocalOrchestrationContext context)
    {
        int generation;
        lock (instance)
        {
            generation = instance.Generation;
            foreach (var id in context.CancelledTimers)
            {
                if (instance.Timers.Remove(id, out var pending))
                {
                    pending.Timer.Dispose();
                }
            }
        }

        foreach (var action in context.NewActions)
        {
            switch (action.Kind)
            {
                case LocalHistoryEventKind.TaskScheduled:
                    this.RunActivity(instance, generation, action);
                    break;
                case LocalHistoryEventKind.TimerCreated when !context.CancelledTimers.Contains(action.TaskId):
                    this.StartTimer(instance, generation, action);
                    break;
                case LocalHistoryEventKind.SubOrchestrationCreated:
                    this.StartSubOrchestration(instance, generation, action);
                    break;
                case LocalHistoryEventKind.EventSent:
                    this.Raise(action.TargetInstanceId!, action.Name!, action.Payload);
                    break;
            }
        }
    }

    private void RunActivity(LocalInstance instance, int generation, LocalHistoryEvent scheduled)
    {
        this.AddBusy();
        _ = Task.Run(async () =>
        {
            LocalHistoryEvent outcome;
            try
            {
                if (!this.registry.TryGetActivity(scheduled.Name!, out var activity))
                {
                    throw new InvalidOperationException($"No activity named '{scheduled.Name}' is registered.");
                }

                var result = await activity(scheduled.Payload, this.stopping.Token);
                outcome = new LocalHistoryEvent(LocalHistoryEventKind.TaskCompleted, this.time.GetUtcNow()) { TaskId = scheduled.TaskId, Payload = result };
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                outcome = new LocalHistoryEvent(LocalHistoryEventKind.TaskFailed, this.time.GetUtcNow())
                {
                    TaskId = scheduled.TaskId,
                    Failure = TaskFailureDetails.FromException(e),
                };
            }

            try
            {
                this.Enqueue(instance, generation, outcome);
            }
            finally
            {
                this.RemoveBusy();
            }
        });
    }

    private void StartTimer(LocalInstance instance, int generation, LocalHistoryEvent created)
    {
        var fireAt = new DateTimeOffset(created.FireAt!.Value, TimeSpan.Zero);
        var due = fireAt - this.time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            this.FireTimer(instance, generation, created);
            return;
        }

        // Created outside the instance's lock: a time provider may fire other timers while creating this one.
        var timer = this.time.CreateTimer(_ => this.FireTimer(instance, generation, created), null, due, Timeout.InfiniteTimeSpan);
        lock (instance)
        {
            if (!instance.IsTerminal && instance.Generation == generation)
            {
                instance.Timers[created.TaskId] = new LocalPendingTimer(timer, fireAt);
                return;
            }
        }

        timer.Dispose();
    }

    private void FireTimer(LocalInstance instance, int generation, LocalHistoryEvent created)
    {
        lock (instance)
        {
            if (instance.Timers.Remove(created.TaskId, out var pending))
            {
                pending.Timer.Dispose();
            }
        }

        this.Enqueue(instance, generation, new LocalHistoryEvent(LocalHistoryEventKind.TimerFired, this.time.GetUtcNow())
        {
            TaskId = created.TaskId,
            FireAt = created.FireAt,
        });
    }

    private void StartSubOrchestration(LocalInstance parent, int generation, LocalHistoryEvent created)
    {
        var name = new TaskName(created.Name!);
        var identity = new LocalInstanceIdentity(name, created.TargetInstanceId!, new ParentOrchestrationInstance(parent.Identity.Name, parent.Identity.InstanceId));
        try
        {
            if (!this.registry.HasOrchestrator(name))
            {
                throw new InvalidOperationException($"No orchestrator named '{name.Name}' is registered.");
            }

            var child = this.Create(identity, created.Payload, new LocalParentLink(parent, generation, created.TaskId));
            this.Enqueue(child, 0, new LocalHistoryEvent(LocalHistoryEventKind.ExecutionStarted, this.time.GetUtcNow())
            {
                Name = name.Name,
                Payload = created.Payload,
            });
        }
        catch (InvalidOperationException e)
        {
            this.Enqueue(parent, generation, new LocalHistoryEvent(LocalHistoryEventKind.SubOrchestrationFailed, this.time.GetUtcNow())
            {
                TaskId = created.TaskId,
                Failure = TaskFailureDetails.FromException(e),
            });
        }
    }

    /// <summary>Starts the next generation: a fresh history whose only input is the new one, plus unprocessed events if kept.</summary>
    private void ContinueAsNew(LocalInstance instance, LocalOrchestrationContext context, ContinueAsNewRequest restart)
    {
        var now = this.time.GetUtcNow();
        lock (instance)
        {
            instance.Generation++;
            DisposeTimers(instance);
            instance.History.Clear();
            instance.SerializedInput = restart.SerializedInput;
            instance.LastUpdatedAt = now;
            var carried = restart.PreserveUnprocessedEvents ? context.UnprocessedEvents : [];
            foreach (var (name, payload) in carried.Reverse())
            {
                instance.Inbox.AddFirst(new LocalWorkItem(
                    instance.Generation, new LocalHistoryEvent(LocalHistoryEventKind.EventRaised, now) { Name = name, Payload = payload }));
            }

            instance.Inbox.AddFirst(new LocalWorkItem(
                instance.Generation,
                new LocalHistoryEvent(LocalHistoryEventKind.ExecutionStarted, now) { Name = instance.Identity.Name.Name, Payload = restart.SerializedInput }));
        }

        LogContinuedAsNew(this.logger, instance.Identity.InstanceId, instance.Generation);
    }

    /// <summary>Ends the instance and tells a waiting parent.</summary>
    private void End(
        LocalInstance instance, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure, LocalHistoryEvent? cause = null)
    {
        var now = this.time.GetUtcNow();
        int generation;
        lock (instance)
        {
            if (instance.IsTerminal)
            {
                return;
            }

            instance.RuntimeStatus = status;
            instance.SerializedOutput = output;
            instance.Failure = failure;
            instance.LastUpdatedAt = now;
            instance.Inbox.Clear();
            DisposeTimers(instance);
            var ended = cause ?? new LocalHistoryEvent(
                status == OrchestrationRuntimeStatus.Completed ? LocalHistoryEventKind.ExecutionCompleted : LocalHistoryEventKind.ExecutionFailed, now)
            {
                Payload = output,
                Failure = failure,
            };
            instance.History.Add(ended);
            instance.TotalHistoryEvents++;
            generation = instance.Generation;
        }

        instance.Started.TrySetResult();
        instance.Finished.TrySetResult();
        if (failure is not null)
        {
            LogInstanceFailed(this.logger, instance.Identity.InstanceId, generation, failure.ErrorType, failure.ErrorMessage);
        }

        if (instance.ParentLink is { } link)
        {
            var report = status == OrchestrationRuntimeStatus.Completed
                ? new LocalHistoryEvent(LocalHistoryEventKind.SubOrchestrationCompleted, now) { TaskId = link.TaskId, Payload = output }
                : new LocalHistoryEvent(LocalHistoryEventKind.SubOrchestrationFailed, now)
                {
                    TaskId = link.TaskId,
                    Failure = failure ?? new TaskFailureDetails(
                        "OrchestrationTerminated", $"Sub-orchestration '{instance.Identity.InstanceId}' was terminated.", null, null, null),
                };
            this.Enqueue(link.Parent, link.Generation, report);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} continued as new (generation {Generation}).")]
    private static partial void LogContinuedAsNew(ILogger logger, string instanceId, int generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId} (generation {Generation}) failed: {ErrorType}: {ErrorMessage}")]
    private static partial void LogInstanceFailed(ILogger logger, string instanceId, int generation, string errorType, string errorMessage);
}
