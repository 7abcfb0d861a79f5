using System.Text.Json.Serialization;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Serialization;

/// <summary>Source-generated reader for the embedded data files (camelCase, as written by hand).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ModelTokenProfileTable))]
internal sealed partial class DataFileJsonContext : JsonSerializerContext;
