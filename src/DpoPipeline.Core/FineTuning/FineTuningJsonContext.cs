using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>Source-generated JSON for the fine-tuning DTOs: tolerant reads (numbers as strings), nulls left out on write.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(FineTuningJob))]
[JsonSerializable(typeof(ListPage<FineTuningJob>))]
[JsonSerializable(typeof(FineTuningFile))]
[JsonSerializable(typeof(ListPage<FineTuningFile>))]
[JsonSerializable(typeof(FileDeletionResult))]
[JsonSerializable(typeof(ListPage<FineTuningEvent>))]
[JsonSerializable(typeof(ListPage<FineTuningCheckpoint>))]
[JsonSerializable(typeof(DpoJobCreateBody))]
[JsonSerializable(typeof(ServiceModel))]
internal sealed partial class FineTuningJsonContext : JsonSerializerContext;
