namespace DpoPipeline.Core.Sweeps;

/// <summary>A DPO hyperparameter a sweep may vary.</summary>
public enum SweepParameter
{
    Beta,
    LearningRateMultiplier,
    Epochs,
    BatchSize,
}
