namespace DpoPipeline.Workflow.Local;

/// <summary>
/// Runs an orchestrator's continuations on the thread that replays it, one at a time and in order, so an episode
/// is single-threaded and deterministic like the Durable dispatcher. Orchestrators only await context tasks: code that
/// awaits anything else (Task.Delay, Task.Run, real I/O) resumes after the episode has ended; such a continuation is
/// not run but reported through <paramref name="onLatePost"/>.
/// </summary>
internal sealed class OrchestrationPump(Action onLatePost) : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> work = new();
    private bool closed;

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (this.work)
        {
            if (!this.closed)
            {
                this.work.Enqueue((d, state));
                return;
            }
        }

        onLatePost();
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code must not block on the orchestration thread.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Ends the episode: continuations posted from now on are reported, not run.</summary>
    public void Close()
    {
        lock (this.work)
        {
            this.closed = true;
            this.work.Clear();
        }
    }

    /// <summary>Runs queued continuations (and those they queue) until none is left.</summary>
    public void RunAll()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) next;
            lock (this.work)
            {
                if (!this.work.TryDequeue(out next))
                {
                    return;
                }
            }

            next.Callback(next.State);
        }
    }
}
