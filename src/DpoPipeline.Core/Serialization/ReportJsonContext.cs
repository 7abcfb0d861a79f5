using System.Text.Json.Serialization;
using DpoPipeline.Core.Costs;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Stats;

namespace DpoPipeline.Core.Serialization;

/// <summary>Source-generated serialisation of everything the tools publish (snake_case, indented, stable).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ValidationReport))]
[JsonSerializable(typeof(ConversionManifest))]
[JsonSerializable(typeof(DatasetStats))]
[JsonSerializable(typeof(CostEstimate))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
