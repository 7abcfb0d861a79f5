namespace DpoPipeline.Workflow.Local;

/// <summary>
/// Runs an orchestrator's continuations on the thread that replays it, one at a time and in order, so an episode
/// is single-threaded and deterministic like the Durable dispatcher. Orchestrators only await context tasks: code that
/// awaits anything else (Task.Delay, real I/O) is not deterministic, and its continuation would land after the episode.
/// </summary>
internal sealed class OrchestrationPump : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> work = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (this.work)
        {
            this.work.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code must not block on the orchestration thread.");

    public override SynchronizationContext CreateCopy() => this;

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
