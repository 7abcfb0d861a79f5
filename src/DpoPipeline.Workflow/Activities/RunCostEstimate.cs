namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// What a run is expected to cost before anything is paid: training plus hosting the deployment for its TTL. For a
/// sweep, every variant's training, each variant's measurement deployment (<see cref="MeasurementUsd"/>) and the
/// winner's hosting.
/// </summary>
public sealed record RunCostEstimate(
    decimal EstimatedUsd, decimal TrainingUsd, decimal HostingUsd, long BillableTokens, int Epochs, string PriceSource, decimal MeasurementUsd = 0, int Variants = 1);
