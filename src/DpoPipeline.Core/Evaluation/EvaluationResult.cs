namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// The answer to "did DPO make the model better?": the fine-tuned model's win rate against the base model by local
/// similarity (always) and by the judge (when configured), per category, the label distributions and the failures.
/// </summary>
public sealed record EvaluationResult
{
    public required string BaseDeployment { get; init; }

    public required string FineTunedDeployment { get; init; }

    public string? JudgeDeployment { get; init; }

    public required int PairCount { get; init; }

    public required ComparisonSummary Similarity { get; init; }

    /// <summary>Null when no judge was configured.</summary>
    public ComparisonSummary? Judge { get; init; }

    /// <summary>Empty when no example has a category.</summary>
    public IReadOnlyList<CategoryResult> PerCategory { get; init; } = [];

    public required LabelDistribution BaseLabels { get; init; }

    public required LabelDistribution FineTunedLabels { get; init; }

    public IReadOnlyList<EvaluationFailure> Failures { get; init; } = [];

    public required EvaluationUsage Usage { get; init; }

    public required TimeSpan Duration { get; init; }

    public IReadOnlyList<PairEvaluation> Pairs { get; init; } = [];

    /// <summary>The judge's verdict when there is one, otherwise the local similarity's.</summary>
    public ComparisonSummary Headline => Judge ?? Similarity;
}
