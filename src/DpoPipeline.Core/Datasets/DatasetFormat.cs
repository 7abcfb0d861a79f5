using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Datasets;

/// <summary>Container format of a dataset file (gzip compression is detected separately).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DatasetFormat>))]
public enum DatasetFormat
{
    /// <summary>One JSON object per line.</summary>
    [JsonStringEnumMemberName("jsonl")]
    JsonLines,

    /// <summary>A JSON array of objects, or JSON objects written one after another (pretty-printed "JSONL").</summary>
    [JsonStringEnumMemberName("json")]
    Json,

    [JsonStringEnumMemberName("csv")]
    Csv,

    [JsonStringEnumMemberName("parquet")]
    Parquet,
}
