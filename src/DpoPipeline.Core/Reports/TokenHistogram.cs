namespace DpoPipeline.Core.Reports;

/// <summary>The token-length distribution of one part of the dataset (prompt, chosen or rejected).</summary>
public sealed record TokenHistogram(string Name, IReadOnlyList<HistogramBin> Bins)
{
    public int Examples => Bins.Sum(b => b.Count);
}
