using System.Text.Json.Serialization;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Sweeps;
using DpoPipeline.Workflow.Quotas;

namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// One variant of a sweep as the run's status shows it: its hyperparameters, its job and model, final losses, the win
/// rate measured against the shared base deployment with its interval and provenance, and what it cost. Small: a run
/// carries up to <c>Pipeline__MaxSweepVariants</c> of these in its custom status.
/// </summary>
public sealed record VariantResult
{
    public required int Index { get; init; }

    /// <summary>The swept values, e.g. <c>beta=0.05, lr=1</c>.</summary>
    public required string Label { get; init; }

    public required DpoHyperparameters Hyperparameters { get; init; }

    public VariantState State { get; init; }

    /// <summary>Where the variant waits in the quota line, while it does.</summary>
    public QueuePlace? Queue { get; init; }

    public string? JobId { get; init; }

    public string? JobStatus { get; init; }

    public string? FineTunedModel { get; init; }

    public long? TrainedTokens { get; init; }

    public double? FinalTrainLoss { get; init; }

    public double? FinalValidationLoss { get; init; }

    /// <summary>Held-out pairs the variant's model was compared on; null when it was not measured.</summary>
    public int? EvaluationPairs { get; init; }

    public double? WinRate { get; init; }

    public double? WinRateLow { get; init; }

    public double? WinRateHigh { get; init; }

    /// <summary>The judge deployment behind the win rate, or null for the lexical proxy.</summary>
    public string? Judge { get; init; }

    /// <summary>Who answered, e.g. "emulator (127.0.0.1)".</summary>
    public string? Service { get; init; }

    public bool Emulated { get; init; }

    /// <summary>The short-lived deployment the variant was measured on (deleted right after).</summary>
    public string? MeasurementDeployment { get; init; }

    /// <summary>Estimated cost of its training, its measurement deployment and its evaluation's calls.</summary>
    public decimal? EstimatedCostUsd { get; init; }

    public bool Winner { get; init; }

    public RunError? Error { get; init; }

    [JsonIgnore]
    public bool IsTerminal => State is VariantState.Succeeded or VariantState.Failed or VariantState.Cancelled;

    public static VariantResult Pending(SweepVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return new VariantResult { Index = variant.Index, Label = variant.Label, Hyperparameters = variant.Hyperparameters };
    }

    public SweepCandidate ToCandidate() => new(Index, Label, State == VariantState.Succeeded && FineTunedModel is not null, WinRate, FinalValidationLoss);
}
