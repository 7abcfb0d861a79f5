namespace DpoPipeline.Emulator.State;

/// <summary>Hyperparameters as requested; null means "auto" (reported as -1 by Azure until training starts).</summary>
internal sealed record JobHyperparameters(double? Beta, int? BatchSize, double? LearningRateMultiplier, int? NEpochs);
