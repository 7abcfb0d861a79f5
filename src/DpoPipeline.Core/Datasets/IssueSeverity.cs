using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Datasets;

[JsonConverter(typeof(JsonStringEnumConverter<IssueSeverity>))]
public enum IssueSeverity
{
    /// <summary>The service would refuse the file, or the converter cannot produce a valid example.</summary>
    [JsonStringEnumMemberName("error")]
    Error,

    /// <summary>Accepted, but probably wastes money or teaches nothing.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,
}
