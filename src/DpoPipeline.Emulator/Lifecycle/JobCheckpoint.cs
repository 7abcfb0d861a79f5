namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>An epoch-end checkpoint of a job.</summary>
internal sealed record JobCheckpoint(string Id, DateTimeOffset CreatedAt, string FineTunedModelCheckpoint, int StepNumber, StepMetrics Metrics);
