namespace DpoPipeline.Core.Costs;

/// <summary>
/// An estimate of what the evaluation's own calls cost, per role; a part is null when the price table has no
/// inference price for that model. Never a quote (see <see cref="Notes"/>).
/// </summary>
public sealed record EvaluationCost(
    string Currency,
    decimal? BaseUsd,
    decimal? FineTunedUsd,
    decimal? JudgeUsd,
    decimal? JudgeCalibrationUsd,
    string PriceTableDate,
    string PriceSource,
    IReadOnlyList<string> Notes)
{
    /// <summary>The sum of the parts that could be priced.</summary>
    public decimal EstimatedTotalUsd => (BaseUsd ?? 0) + (FineTunedUsd ?? 0) + (JudgeUsd ?? 0) + (JudgeCalibrationUsd ?? 0);
}
