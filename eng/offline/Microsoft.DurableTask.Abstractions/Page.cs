namespace Microsoft.DurableTask;

/// <summary>Stand-in: one page of a query result.</summary>
public sealed class Page<T>
    where T : notnull
{
    public Page(IReadOnlyList<T> values, string? continuationToken = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        this.Values = values;
        this.ContinuationToken = continuationToken;
    }

    public IReadOnlyList<T> Values { get; }

    public string? ContinuationToken { get; }
}
