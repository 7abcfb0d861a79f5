namespace DpoPipeline.Workflow.Activities;

/// <summary>What a run is expected to cost before anything is paid: an estimate, with the price table it used.</summary>
public sealed record RunCostEstimate(decimal EstimatedUsd, long BillableTokens, int Epochs, string PriceSource);
