namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>A compressed input expanded beyond the configured cap.</summary>
internal sealed class DecodedSizeLimitException(long limit)
    : IOException($"The decompressed data exceeds the limit of {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}
