namespace DpoPipeline.Core.Sweeps;

/// <summary>One swept hyperparameter and the values it takes, in the order given.</summary>
public sealed record SweepAxis(SweepParameter Parameter, IReadOnlyList<double> Values);
