using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Core.Costs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>What the job will cost, from the training tokens and the price table, before anything is paid.</summary>
public sealed class EstimateCost : IWorkflowActivity<CostEstimateRequest, RunCostEstimate>
{
    public Task<RunCostEstimate> RunAsync(CostEstimateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var estimate = TrainingCostEstimator.Estimate(request.BaseModel, request.TrainingTokensPerEpoch, request.Epochs ?? TrainingCostEstimator.TypicalAutoEpochs);
        return Task.FromResult(new RunCostEstimate(
            estimate.EstimatedUsd, estimate.BilledTokens, estimate.Epochs, $"{estimate.PriceSource} ({estimate.PriceTableDate})"));
    }
}
