using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>The per-method block (<c>method.dpo</c> or <c>method.supervised</c>).</summary>
public sealed record FineTuningMethodSettings
{
    [JsonPropertyName("hyperparameters")]
    public FineTuningHyperparameters? Hyperparameters { get; init; }
}
