namespace DpoPipeline.Core.Stats;

/// <summary>Values v with <see cref="From"/> ≤ v &lt; <see cref="To"/>.</summary>
public sealed record HistogramBucket(int From, int To, long Count);
