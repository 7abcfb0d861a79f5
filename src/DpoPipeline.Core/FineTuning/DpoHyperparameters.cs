using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>DPO hyperparameters to send; null leaves the value to the service ("auto").</summary>
public sealed record DpoHyperparameters
{
    /// <summary>0 &lt; beta ≤ 2: how strongly the model is kept close to its base.</summary>
    [JsonPropertyName("beta")]
    public double? Beta { get; init; }

    /// <summary>1–256.</summary>
    [JsonPropertyName("batch_size")]
    public int? BatchSize { get; init; }

    /// <summary>Greater than 0.</summary>
    [JsonPropertyName("learning_rate_multiplier")]
    public double? LearningRateMultiplier { get; init; }

    /// <summary>1–50.</summary>
    [JsonPropertyName("n_epochs")]
    public int? Epochs { get; init; }
}
