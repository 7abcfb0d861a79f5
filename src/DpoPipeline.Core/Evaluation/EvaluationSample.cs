namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Picks the held-out examples to evaluate (e.g. <c>Pipeline__EvaluationSampleSize</c> of them): evenly spaced over the
/// whole set rather than the first N, so a file sorted by topic is still covered; deterministic, so reruns compare.
/// </summary>
public static class EvaluationSample
{
    public static IReadOnlyList<T> Select<T>(IReadOnlyList<T> items, int size)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return size >= items.Count
            ? items
            : Enumerable.Range(0, size).Select(i => items[(int)((long)i * items.Count / size)]).ToList();
    }
}
