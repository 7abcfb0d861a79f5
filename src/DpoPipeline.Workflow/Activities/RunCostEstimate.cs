namespace DpoPipeline.Workflow.Activities;

/// <summary>What a run is expected to cost before anything is paid: training plus hosting the deployment for its TTL.</summary>
public sealed record RunCostEstimate(decimal EstimatedUsd, decimal TrainingUsd, decimal HostingUsd, long BillableTokens, int Epochs, string PriceSource);
