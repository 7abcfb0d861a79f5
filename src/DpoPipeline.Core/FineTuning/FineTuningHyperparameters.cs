using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>Hyperparameters as the service reports them; null means "auto" (sent as "auto" by OpenAI, -1 by Azure).</summary>
public sealed record FineTuningHyperparameters
{
    [JsonPropertyName("n_epochs")]
    [JsonConverter(typeof(AutoIntegerJsonConverter))]
    public int? Epochs { get; init; }

    [JsonPropertyName("batch_size")]
    [JsonConverter(typeof(AutoIntegerJsonConverter))]
    public int? BatchSize { get; init; }

    [JsonPropertyName("learning_rate_multiplier")]
    [JsonConverter(typeof(AutoNumberJsonConverter))]
    public double? LearningRateMultiplier { get; init; }

    /// <summary>DPO only: strength of the penalty that keeps the model close to the base model.</summary>
    [JsonPropertyName("beta")]
    [JsonConverter(typeof(AutoNumberJsonConverter))]
    public double? Beta { get; init; }

    /// <summary>Azure DPO jobs report it; not settable through the public API.</summary>
    [JsonPropertyName("l2_multiplier")]
    [JsonConverter(typeof(AutoNumberJsonConverter))]
    public double? L2Multiplier { get; init; }
}
