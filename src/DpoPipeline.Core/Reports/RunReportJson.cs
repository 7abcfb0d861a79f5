using System.Text.Json;
using System.Text.Json.Serialization;

namespace DpoPipeline.Core.Reports;

/// <summary>The report's data as JSON (<c>report.json</c>), so a report can be rendered again later, e.g. by <c>dpo report</c>.</summary>
public static class RunReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Serialize(RunReportData data) => JsonSerializer.SerializeToUtf8Bytes(data, Options);

    /// <exception cref="JsonException">The content is not a run report's data.</exception>
    public static async Task<RunReportData> DeserializeAsync(Stream json, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<RunReportData>(json, Options, cancellationToken)
        ?? throw new JsonException("The report data is empty (null).");
}
