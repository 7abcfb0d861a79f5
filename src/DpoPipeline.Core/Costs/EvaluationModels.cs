namespace DpoPipeline.Core.Costs;

/// <summary>
/// The models behind an evaluation's deployments, for pricing: the base model, the fine-tuned model (its id, which
/// starts with its base model's name) and the judge's model when there is one.
/// </summary>
public sealed record EvaluationModels(string Base, string FineTuned, string? Judge = null);
