namespace DpoPipeline.Core.Reports;

/// <summary>Examples whose token count lies in [<paramref name="From"/>, <paramref name="To"/>).</summary>
public sealed record HistogramBin(int From, int To, int Count);
