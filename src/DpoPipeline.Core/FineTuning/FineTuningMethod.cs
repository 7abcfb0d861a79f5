using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>The training method of a job: <c>{"type": "dpo", "dpo": {"hyperparameters": {…}}}</c> or supervised.</summary>
public sealed record FineTuningMethod
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("dpo")]
    public FineTuningMethodSettings? Dpo { get; init; }

    [JsonPropertyName("supervised")]
    public FineTuningMethodSettings? Supervised { get; init; }

    [JsonIgnore]
    public bool IsDpo => string.Equals(Type, "dpo", StringComparison.OrdinalIgnoreCase);
}
