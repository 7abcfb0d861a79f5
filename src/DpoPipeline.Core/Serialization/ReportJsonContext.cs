using System.Text.Json.Serialization;
using DpoPipeline.Core.Datasets;

namespace DpoPipeline.Core.Serialization;

/// <summary>Source-generated serialisation of everything the tools publish (snake_case, indented, stable).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ValidationReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
