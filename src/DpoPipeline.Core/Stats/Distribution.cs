namespace DpoPipeline.Core.Stats;

/// <summary>Summary of a set of counts (tokens or turns): nearest-rank percentiles and an evenly bucketed histogram.</summary>
public sealed record Distribution(
    long Count,
    long Total,
    int Min,
    int P50,
    int P95,
    int Max,
    double Mean,
    IReadOnlyList<HistogramBucket> Histogram)
{
    private const int MaxBuckets = 12;

    public static Distribution Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, []);

    /// <summary>Summarises <paramref name="values"/>; sorts the list in place.</summary>
    public static Distribution Of(List<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return Empty;
        }

        values.Sort();
        var total = values.Sum(v => (long)v);
        return new Distribution(values.Count, total, values[0], Percentile(values, 50), Percentile(values, 95), values[^1], (double)total / values.Count, Buckets(values));
    }

    /// <summary>Nearest-rank percentile of an ascending list.</summary>
    internal static int Percentile(List<int> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static List<HistogramBucket> Buckets(List<int> sorted)
    {
        var width = NiceWidth(Math.Max(1, sorted[^1] - sorted[0] + 1));
        var start = sorted[0] / width * width;
        var buckets = new List<HistogramBucket>();
        var index = 0;
        for (var from = start; index < sorted.Count; from += width)
        {
            long count = 0;
            while (index < sorted.Count && sorted[index] < from + width)
            {
                count++;
                index++;
            }

            buckets.Add(new HistogramBucket(from, from + width, count));
        }

        return buckets;
    }

    /// <summary>A bucket width of 1, 2 or 5 × 10^k giving at most <see cref="MaxBuckets"/> buckets.</summary>
    private static int NiceWidth(int range)
    {
        for (var magnitude = 1; ; magnitude *= 10)
        {
            foreach (var step in new[] { 1, 2, 5 })
            {
                if ((long)step * magnitude * MaxBuckets >= range + ((long)step * magnitude))
                {
                    return step * magnitude;
                }
            }
        }
    }
}
