using DpoPipeline.Core.Costs;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// The answer to "did DPO make the model better?": the fine-tuned model's win rate against the base model by the
/// lexical proxy (always) and by a calibrated judge (when configured), per category, answer lengths and the
/// length-controlled win rate, the evaluation's own tokens and cost, the failures, and where every number came from.
/// Written as evaluation.json.
/// </summary>
public sealed record EvaluationResult
{
    public required string BaseDeployment { get; init; }

    public required string FineTunedDeployment { get; init; }

    public string? JudgeDeployment { get; init; }

    public required int PairCount { get; init; }

    /// <summary>Service, method, judge and rubric, sample size and seed; null only in results written before it was recorded.</summary>
    public EvaluationProvenance? Provenance { get; init; }

    /// <summary>Outcomes by wording overlap with the references: a proxy, not a judgement of quality.</summary>
    public required ComparisonSummary LexicalProxy { get; init; }

    /// <summary>Null when no judge was configured.</summary>
    public ComparisonSummary? Judge { get; init; }

    /// <summary>The judge's agreement with the dataset's labels; null without a judge or with calibration turned off.</summary>
    public JudgeCalibration? JudgeCalibration { get; init; }

    /// <summary>Empty when no example has a category.</summary>
    public IReadOnlyList<CategoryResult> PerCategory { get; init; } = [];

    public required LabelDistribution BaseLabels { get; init; }

    public required LabelDistribution FineTunedLabels { get; init; }

    /// <summary>Null in results written before lengths were recorded.</summary>
    public AnswerLengths? Lengths { get; init; }

    /// <summary>The headline's win rate with length taken out; null when the regression has no estimate.</summary>
    public LengthControlledWinRate? LengthControlled { get; init; }

    public IReadOnlyList<EvaluationFailure> Failures { get; init; } = [];

    public required EvaluationUsage Usage { get; init; }

    /// <summary>Estimated price of <see cref="Usage"/>; null when the models behind the deployments were not given.</summary>
    public EvaluationCost? Cost { get; init; }

    public required TimeSpan Duration { get; init; }

    public IReadOnlyList<PairEvaluation> Pairs { get; init; } = [];

    /// <summary>The method of <see cref="Headline"/>.</summary>
    public EvaluationMethod HeadlineMethod => Judge is null ? EvaluationMethod.LexicalProxy : EvaluationMethod.Judge;

    /// <summary>The judge's verdict when there is one, otherwise the lexical proxy's.</summary>
    public ComparisonSummary Headline => Judge ?? LexicalProxy;

    /// <summary>True when a judge decided the headline without a calibration that reached the required agreement.</summary>
    public bool IsJudgeUnreliable => Judge is not null && JudgeCalibration?.IsReliable != true;

    /// <summary>What a reader must know before trusting the headline, in plain sentences (emulated answers, proxy, unreliable judge, failures).</summary>
    public IReadOnlyList<string> Caveats => EvaluationCaveats.Of(this);
}
