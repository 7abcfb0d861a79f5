namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Everything measured on one example. Answers and scores are null where the call failed; an outcome needs both
/// answers (and, for the judge, two valid verdicts).
/// </summary>
public sealed record PairEvaluation
{
    public required int Index { get; init; }

    /// <summary>The last user message: what the models were asked.</summary>
    public string Prompt { get; init; } = string.Empty;

    public string? Category { get; init; }

    public string? BaseAnswer { get; init; }

    public string? FineTunedAnswer { get; init; }

    /// <summary>Length of <see cref="BaseAnswer"/> in tokens (see <see cref="AnswerLengths.Encoding"/>).</summary>
    public int? BaseAnswerTokens { get; init; }

    public int? FineTunedAnswerTokens { get; init; }

    public LexicalProxyScore? BaseScore { get; init; }

    public LexicalProxyScore? FineTunedScore { get; init; }

    /// <summary>The outcome by the lexical proxy: wording overlap with the references, not quality.</summary>
    public PairOutcome? LexicalProxyOutcome { get; init; }

    public JudgeDecision? Judge { get; init; }

    public IReadOnlyList<EvaluationFailure> Failures { get; init; } = [];
}
