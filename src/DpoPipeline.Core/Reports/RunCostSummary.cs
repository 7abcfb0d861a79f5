namespace DpoPipeline.Core.Reports;

/// <summary>
/// What the run was expected to cost against what the service billed (null until it reports it), the budget it was held
/// to, and the decision at the budget gate when the estimate went over it.
/// </summary>
/// <param name="EstimatedUsd">Training.</param>
/// <param name="EstimatedHostingUsd">Hosting the deployment for its TTL.</param>
public sealed record RunCostSummary(
    long EstimatedTrainingTokens,
    long? BilledTrainingTokens,
    decimal? EstimatedUsd = null,
    decimal? EstimatedHostingUsd = null,
    decimal? BudgetLimitUsd = null,
    RunApproval? Approval = null);
