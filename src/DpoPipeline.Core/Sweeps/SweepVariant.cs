using DpoPipeline.Core.FineTuning;

namespace DpoPipeline.Core.Sweeps;

/// <summary>One point of a sweep: its 1-based index and the hyperparameters its job trains with.</summary>
public sealed record SweepVariant(int Index, DpoHyperparameters Hyperparameters, string Label);
