using System.Text.Json.Serialization;

namespace DpoPipeline.Core.FineTuning;

/// <summary>A checkpoint model saved during training (Azure ids <c>ftchkpt-…</c>, OpenAI <c>ftckpt_…</c>).</summary>
public sealed record FineTuningCheckpoint
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("object")]
    public string? Object { get; init; }

    [JsonPropertyName("created_at")]
    public long? CreatedAtUnix { get; init; }

    [JsonPropertyName("fine_tuned_model_checkpoint")]
    public string? FineTunedModelCheckpoint { get; init; }

    [JsonPropertyName("fine_tuning_job_id")]
    public string? FineTuningJobId { get; init; }

    [JsonPropertyName("step_number")]
    public int? StepNumber { get; init; }

    [JsonPropertyName("metrics")]
    public CheckpointMetrics? Metrics { get; init; }
}
