namespace DpoPipeline.Core.Costs;

/// <summary>
/// Billed training tokens = tokens in the training file × epochs (the service's counting), priced from a
/// <see cref="PriceTable"/>. The result always carries the table's date and the statement that it is an estimate.
/// </summary>
public static class TrainingCostEstimator
{
    /// <summary>What to budget for when epochs are left to the service ("auto"), which usually picks 3.</summary>
    public const int TypicalAutoEpochs = 3;

    public const string EstimateStatement = "This is an estimate, not a quote: the service bills its own token count, and prices change.";

    public static CostEstimate Estimate(string baseModel, long trainingTokens, int epochs) =>
        Estimate(baseModel, trainingTokens, epochs, PriceTable.Default);

    /// <exception cref="ArgumentException">No price for the model, or a negative token count or epoch count below 1.</exception>
    public static CostEstimate Estimate(string baseModel, long trainingTokens, int epochs, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentOutOfRangeException.ThrowIfNegative(trainingTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var price = prices.Find(baseModel)
            ?? throw new ArgumentException($"The price table ({prices.SourceDate}) has no training price for '{baseModel}'. Known: {string.Join(", ", prices.Models.Select(m => m.Model))}.", nameof(baseModel));

        var billed = checked(trainingTokens * epochs);
        var cost = Math.Round(billed / 1_000_000m * price.TrainingPerMillionTokens, 2, MidpointRounding.AwayFromZero);
        return new CostEstimate(
            baseModel,
            trainingTokens,
            epochs,
            billed,
            price.TrainingPerMillionTokens,
            prices.Currency,
            cost,
            prices.SourceDate,
            prices.Source,
            [EstimateStatement, prices.Note, "Validation tokens are not included; with epochs set to auto the service chooses the count."]);
    }
}
