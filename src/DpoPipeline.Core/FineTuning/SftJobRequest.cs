namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// What the SFT stage of a run needs: a supervised job tagged with the run id and <c>dpo_stage: sft</c>, so creating it
/// again for the same run finds the existing job, and the run's release finds it too.
/// </summary>
public sealed record SftJobRequest
{
    public required string RunId { get; init; }

    /// <summary>A catalogue base model or a fine-tuned model (continuous fine-tuning).</summary>
    public required string Model { get; init; }

    public required string TrainingFileId { get; init; }

    public string? ValidationFileId { get; init; }

    public long? Seed { get; init; }

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRateMultiplier { get; init; }
}
