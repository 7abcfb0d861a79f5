namespace DpoPipeline.Core.Evaluation;

/// <summary>Tokens the evaluation used, per deployment role.</summary>
public sealed record EvaluationUsage(TokenUsage Base, TokenUsage FineTuned, TokenUsage Judge)
{
    public TokenUsage Total => Base + FineTuned + Judge;
}
