using System.Runtime.CompilerServices;

namespace Microsoft.DurableTask;

/// <summary>Stand-in: builds an <see cref="AsyncPageable{T}"/> from a page function.</summary>
public static class Pageable
{
    public static AsyncPageable<T> Create<T>(Func<string?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return new FuncAsyncPageable<T>((token, _, cancellation) => pageFunc(token, cancellation));
    }

    public static AsyncPageable<T> Create<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return new FuncAsyncPageable<T>(pageFunc);
    }

    private sealed class FuncAsyncPageable<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc) : AsyncPageable<T>
        where T : notnull
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
            this.Pages(continuationToken, pageSizeHint, default);

        private async IAsyncEnumerable<Page<T>> Pages(
            string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellation)
        {
            do
            {
                var page = await pageFunc(continuationToken, pageSizeHint, cancellation).ConfigureAwait(false);
                yield return page;
                continuationToken = page.ContinuationToken;
            }
            while (!string.IsNullOrEmpty(continuationToken));
        }
    }
}
