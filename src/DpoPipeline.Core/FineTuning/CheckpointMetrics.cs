using System.Text.Json;
using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>Metrics at a checkpoint's step; numbers may arrive as 1, 1.0 or 3.9E-07. Unlisted metrics land in <see cref="Other"/>.</summary>
public sealed record CheckpointMetrics
{
    [JsonPropertyName("step")]
    public double? Step { get; init; }

    [JsonPropertyName("train_loss")]
    public double? TrainLoss { get; init; }

    [JsonPropertyName("train_mean_token_accuracy")]
    public double? TrainMeanTokenAccuracy { get; init; }

    [JsonPropertyName("valid_loss")]
    public double? ValidLoss { get; init; }

    [JsonPropertyName("valid_mean_token_accuracy")]
    public double? ValidMeanTokenAccuracy { get; init; }

    [JsonPropertyName("full_valid_loss")]
    public double? FullValidLoss { get; init; }

    [JsonPropertyName("full_valid_mean_token_accuracy")]
    public double? FullValidMeanTokenAccuracy { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}
