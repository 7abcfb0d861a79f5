namespace DpoPipeline.Core.Reports;

/// <summary>One variant of a sweep as its report table shows it, with where its win rate came from.</summary>
public sealed record SweepReportRow
{
    public required int Index { get; init; }

    /// <summary>The swept values, e.g. <c>beta=0.05, lr=1</c>.</summary>
    public required string Label { get; init; }

    /// <summary>Succeeded, Failed or Cancelled.</summary>
    public required string State { get; init; }

    public string? JobId { get; init; }

    public long? TrainedTokens { get; init; }

    public double? FinalTrainLoss { get; init; }

    public double? FinalValidationLoss { get; init; }

    public double? WinRate { get; init; }

    public double? WinRateLow { get; init; }

    public double? WinRateHigh { get; init; }

    /// <summary>Held-out pairs the win rate rests on.</summary>
    public int? SampleSize { get; init; }

    /// <summary>The judge deployment, or null for the lexical proxy.</summary>
    public string? Judge { get; init; }

    /// <summary>Who answered, e.g. "emulator (127.0.0.1)".</summary>
    public string? Service { get; init; }

    public bool Emulated { get; init; }

    public decimal? EstimatedCostUsd { get; init; }

    public bool Winner { get; init; }

    public string? Error { get; init; }
}
