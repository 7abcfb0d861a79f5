using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Core.Costs;

/// <summary>
/// Prices the tokens an evaluation used at the list input and output prices of each deployment's base model, from a
/// <see cref="PriceTable"/>. Always an estimate: fine-tuned deployments are billed at their own per-token rate and,
/// except on the Developer tier, by the hour for hosting, which this does not include.
/// </summary>
public static class EvaluationCostEstimator
{
    public static EvaluationCost Estimate(EvaluationUsage usage, EvaluationModels models, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(prices);
        var notes = new List<string>
        {
            TrainingCostEstimator.EstimateStatement,
            "Priced at the list per-token price of each deployment's base model; a fine-tuned deployment's own per-token rate "
            + "and its hourly hosting fee (none on the Developer tier) are not included.",
            prices.Note,
        };

        decimal? Price(TokenUsage tokens, string? model)
        {
            if (model is null || tokens.TotalTokens == 0)
            {
                return model is null ? null : 0m;
            }

            if (prices.Find(model) is { InputPerMillionTokens: { } input, OutputPerMillionTokens: { } output })
            {
                return Math.Round(((tokens.InputTokens * input) + (tokens.OutputTokens * output)) / 1_000_000m, 4, MidpointRounding.AwayFromZero);
            }

            notes.Add($"The price table ({prices.SourceDate}) has no inference price for '{model}'; its calls are not priced.");
            return null;
        }

        return new EvaluationCost(
            prices.Currency,
            Price(usage.Base, models.Base),
            Price(usage.FineTuned, models.FineTuned),
            Price(usage.Judge, models.Judge),
            Price(usage.JudgeCalibration ?? TokenUsage.None, models.Judge),
            prices.SourceDate,
            prices.Source,
            [.. notes.Distinct(StringComparer.Ordinal)]);
    }
}
