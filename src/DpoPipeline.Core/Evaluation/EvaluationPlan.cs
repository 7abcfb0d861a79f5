namespace DpoPipeline.Core.Evaluation;

/// <summary>What an evaluation will ask before it runs: calls per role and an estimate of the tokens they use.</summary>
public sealed record EvaluationPlan(int Pairs, int AnswerCalls, int JudgeCalls, long EstimatedInputTokens, long EstimatedOutputTokens)
{
    public int Calls => AnswerCalls + JudgeCalls;

    public long EstimatedTotalTokens => EstimatedInputTokens + EstimatedOutputTokens;

    /// <summary>Estimated price at the given per-million-token prices (all deployments at the same price).</summary>
    public decimal EstimateCostUsd(decimal inputUsdPerMillionTokens, decimal outputUsdPerMillionTokens) =>
        ((EstimatedInputTokens * inputUsdPerMillionTokens) + (EstimatedOutputTokens * outputUsdPerMillionTokens)) / 1_000_000m;
}
