namespace DpoPipeline.Local.Engine;

/// <summary>Renews one work item's lock on a fixed interval until stopped; a failed renewal is tried again next time.</summary>
internal sealed class LockRenewal
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public static LockRenewal Start(Func<Task> renew, TimeSpan every)
    {
        var renewal = new LockRenewal();
        renewal._loop = renewal.RunAsync(renew, every);
        return renewal;
    }

    /// <summary>Stops renewing and waits for a renewal in progress, so it cannot race the work item's completion.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    private async Task RunAsync(Func<Task> renew, TimeSpan every)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, _stop.Token);
                try
                {
                    await renew();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The lock holds until its visibility timeout; the next renewal may well succeed.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
