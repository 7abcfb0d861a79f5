using DpoPipeline.Core.Costs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>What the job will cost, from the training tokens and the price table, before anything is paid.</summary>
public sealed class EstimateCost
{
    /// <summary>With epochs on auto the service decides; budget as if it picked a typical count.</summary>
    public const int AssumedAutoEpochs = 3;

    public Task<RunCostEstimate> RunAsync(CostEstimateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var estimate = TrainingCostEstimator.Estimate(request.BaseModel, request.TrainingTokensPerEpoch, request.Epochs ?? AssumedAutoEpochs);
        return Task.FromResult(new RunCostEstimate(
            estimate.EstimatedUsd, estimate.BilledTokens, estimate.Epochs, $"{estimate.PriceSource} ({estimate.PriceTableDate})"));
    }
}
