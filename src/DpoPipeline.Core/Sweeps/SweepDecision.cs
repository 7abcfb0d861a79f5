namespace DpoPipeline.Core.Sweeps;

/// <summary>The variant to deploy (null when none produced a model) and why, in a sentence for the status and report.</summary>
public sealed record SweepDecision(int? WinnerIndex, string Reason);
