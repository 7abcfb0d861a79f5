using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// A fine-tuning job as Azure OpenAI or OpenAI reports it. Every field but the id may be absent or null; the raw status
/// is kept next to the parsed one so a status added by the service later is not lost.
/// </summary>
public sealed record FineTuningJob
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("object")]
    public string? Object { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("status")]
    public string? RawStatus { get; init; }

    [JsonIgnore]
    public FineTuningJobStatus Status => WireStatus.ParseJobStatus(RawStatus);

    [JsonPropertyName("created_at")]
    public long? CreatedAtUnix { get; init; }

    [JsonPropertyName("finished_at")]
    public long? FinishedAtUnix { get; init; }

    /// <summary>Azure sets it at once; OpenAI sends null.</summary>
    [JsonPropertyName("estimated_finish")]
    public long? EstimatedFinishUnix { get; init; }

    [JsonPropertyName("fine_tuned_model")]
    public string? FineTunedModel { get; init; }

    [JsonPropertyName("training_file")]
    public string? TrainingFile { get; init; }

    [JsonPropertyName("validation_file")]
    public string? ValidationFile { get; init; }

    [JsonPropertyName("result_files")]
    public IReadOnlyList<string>? ResultFiles { get; init; }

    [JsonPropertyName("trained_tokens")]
    public long? TrainedTokens { get; init; }

    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    /// <summary>Azure echoes the suffix as <c>suffix</c>.</summary>
    [JsonPropertyName("suffix")]
    public string? AzureSuffix { get; init; }

    /// <summary>OpenAI echoes the suffix as <c>user_provided_suffix</c>.</summary>
    [JsonPropertyName("user_provided_suffix")]
    public string? UserProvidedSuffix { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    [JsonPropertyName("error")]
    public FineTuningJobError? Error { get; init; }

    /// <summary>Top-level hyperparameters (supervised and older jobs); DPO jobs report them under <see cref="Method"/>.</summary>
    [JsonPropertyName("hyperparameters")]
    public FineTuningHyperparameters? Hyperparameters { get; init; }

    [JsonPropertyName("method")]
    public FineTuningMethod? Method { get; init; }

    /// <summary>Azure only: "standard", "globalStandard" or "developer", in lower camel whatever case was sent.</summary>
    [JsonPropertyName("trainingType")]
    public string? TrainingType { get; init; }

    [JsonIgnore]
    public DateTimeOffset? CreatedAt => UnixTime.ToDateTime(CreatedAtUnix);

    [JsonIgnore]
    public DateTimeOffset? FinishedAt => UnixTime.ToDateTime(FinishedAtUnix);

    [JsonIgnore]
    public DateTimeOffset? EstimatedFinish => UnixTime.ToDateTime(EstimatedFinishUnix);

    [JsonIgnore]
    public string? Suffix => AzureSuffix ?? UserProvidedSuffix;

    [JsonIgnore]
    public bool HasError => Error is { IsEmpty: false };

    /// <summary>The hyperparameters that apply: the method's block when present, else the top-level one.</summary>
    [JsonIgnore]
    public FineTuningHyperparameters? EffectiveHyperparameters =>
        Method?.Dpo?.Hyperparameters ?? Method?.Supervised?.Hyperparameters ?? Hyperparameters;
}
