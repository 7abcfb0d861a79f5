namespace Microsoft.DurableTask.Client;

/// <summary>Stand-in: how many instances a purge removed.</summary>
public class PurgeResult
{
    public PurgeResult(int count)
        : this(count, null)
    {
    }

    public PurgeResult(int count, bool? isComplete)
    {
        this.PurgedInstanceCount = count;
        this.IsComplete = isComplete;
    }

    public int PurgedInstanceCount { get; }

    public bool? IsComplete { get; }
}
