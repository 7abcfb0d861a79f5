namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>Finds record boundaries in a byte stream fed in pieces.</summary>
internal interface IRecordFramer
{
    /// <summary>
    /// Adds the complete records found in <paramref name="data"/> and returns how many bytes were consumed; the rest is
    /// offered again with more data appended. When <paramref name="isFinal"/> is true everything must be consumed.
    /// When no record fits in maxRecordBytes the framer must still make progress (report and skip).
    /// </summary>
    int Frame(ReadOnlySpan<byte> data, bool isFinal, List<RawRecord> records);
}
