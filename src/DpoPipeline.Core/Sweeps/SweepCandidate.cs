namespace DpoPipeline.Core.Sweeps;

/// <summary>What the winner rule knows of one variant: whether it produced a model, its win rate and validation loss.</summary>
public sealed record SweepCandidate(int Index, string Label, bool Succeeded, double? WinRate, double? ValidationLoss);
