namespace Microsoft.DurableTask;

/// <summary>Stand-in: a paged async sequence.</summary>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null);

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in this.AsPages().WithCancellation(cancellationToken))
        {
            foreach (var value in page.Values)
            {
                yield return value;
            }
        }
    }
}
