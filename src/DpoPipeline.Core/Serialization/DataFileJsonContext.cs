using System.Text.Json.Serialization;
using DpoPipeline.Core.Costs;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Serialization;

/// <summary>Source-generated reader for the embedded data files (camelCase, as written by hand).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ModelTokenProfileTable))]
[JsonSerializable(typeof(PriceTable))]
internal sealed partial class DataFileJsonContext : JsonSerializerContext;
