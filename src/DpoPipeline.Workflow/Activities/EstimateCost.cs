using DpoPipeline.Core.Costs;
using DpoPipeline.Workflow.Hosting;

namespace DpoPipeline.Workflow.Activities;

/// <summary>
/// What the run will cost, before anything is paid: training (tokens × epochs at the table's training price) plus
/// hosting the deployment for its whole TTL at the table's hourly fee for its SKU. A sweep counts every variant's training,
/// a measurement deployment per variant and the winner's hosting.
/// </summary>
public sealed class EstimateCost : IWorkflowActivity<CostEstimateRequest, RunCostEstimate>
{
    public Task<RunCostEstimate> RunAsync(CostEstimateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prices = PriceTable.Default;
        if (request.SweepEpochs is { Count: > 0 } sweep)
        {
            var whole = SweepCostEstimator.Estimate(
                request.BaseModel, request.TrainingTokensPerEpoch, sweep, request.MeasurementSku ?? request.DeploymentSku,
                Runs.RunSweep.MeasurementLifetime, request.DeploymentSku, request.DeploymentTtl, prices);
            return Task.FromResult(new RunCostEstimate(
                whole.TotalUsd, whole.TrainingUsd + whole.MeasurementUsd, whole.HostingUsd, whole.BilledTokens, sweep.Max(e => e ?? TrainingCostEstimator.TypicalAutoEpochs),
                $"{prices.Source} ({prices.SourceDate})", whole.MeasurementUsd, whole.Variants));
        }

        var training = TrainingCostEstimator.Estimate(
            request.BaseModel, request.TrainingTokensPerEpoch, request.Epochs ?? TrainingCostEstimator.TypicalAutoEpochs, prices);
        var hosting = HostingCostEstimator.Estimate(request.BaseModel, request.DeploymentSku, request.DeploymentTtl, prices);
        if (request.SftTrainingTokensPerEpoch > 0)
        {
            // The SFT stage trains first, on the same family at the same price: both stages are in the one estimate.
            var sft = TrainingCostEstimator.Estimate(
                request.BaseModel, request.SftTrainingTokensPerEpoch, request.Epochs ?? TrainingCostEstimator.TypicalAutoEpochs, prices);
            training = training with { EstimatedUsd = training.EstimatedUsd + sft.EstimatedUsd, BilledTokens = training.BilledTokens + sft.BilledTokens };
        }

        return Task.FromResult(new RunCostEstimate(
            training.EstimatedUsd + hosting, training.EstimatedUsd, hosting, training.BilledTokens, training.Epochs,
            $"{training.PriceSource} ({training.PriceTableDate})"));
    }
}
