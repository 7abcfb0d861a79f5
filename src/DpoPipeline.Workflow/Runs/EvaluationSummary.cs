using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// The headline of an evaluation and where it came from, small enough for the run status; the full result is at
/// <see cref="ResultUri"/>. Every figure travels with its method, service, judge and sample, and its caveats.
/// </summary>
public sealed record EvaluationSummary
{
    /// <summary>Held-out pairs asked of both models.</summary>
    public int Pairs { get; init; }

    public int Failures { get; init; }

    /// <summary>The method behind <see cref="WinRate"/>: a judge, or the lexical proxy (not a judgement of quality).</summary>
    public EvaluationMethod? Method { get; init; }

    /// <summary>Share of decided comparisons the fine-tuned model won against the base model; null when none was decided.</summary>
    public double? WinRate { get; init; }

    public double? WinRateLow { get; init; }

    public double? WinRateHigh { get; init; }

    /// <summary>The win rate with answer length taken out (logistic regression read at zero length difference).</summary>
    public double? LengthControlledWinRate { get; init; }

    public double? LengthControlledLow { get; init; }

    public double? LengthControlledHigh { get; init; }

    public int? BaseMedianTokens { get; init; }

    public int? FineTunedMedianTokens { get; init; }

    /// <summary>The deployment of the base model the fine-tuned one was compared with.</summary>
    public string? BaseDeployment { get; init; }

    public string? JudgeDeployment { get; init; }

    public string? RubricVersion { get; init; }

    /// <summary>How often the judge agreed with the dataset's labels on held-out pairs.</summary>
    public double? JudgeAgreement { get; init; }

    public double? JudgeAgreementLow { get; init; }

    public double? JudgeAgreementHigh { get; init; }

    /// <summary>True when a judge decided the win rate without reaching the required agreement.</summary>
    public bool JudgeUnreliable { get; init; }

    /// <summary>Share of fine-tuned answers closer to the preferred than to the non-preferred output.</summary>
    public double? PreferredLikeRate { get; init; }

    /// <summary>Who answered, e.g. "emulator (127.0.0.1)" or "Azure OpenAI (my-account.openai.azure.com)".</summary>
    public string? Service { get; init; }

    /// <summary>True when the answers came from the emulator: the figures test the pipeline, they measure no model.</summary>
    public bool Emulated { get; init; }

    public long? Seed { get; init; }

    /// <summary>Estimated price of the evaluation's own calls, from the price table.</summary>
    public decimal? EstimatedCostUsd { get; init; }

    public IReadOnlyList<string> Caveats { get; init; } = [];

    public Uri? ResultUri { get; init; }

    /// <summary>Why the evaluation was partial or skipped, when it was.</summary>
    public string? Note { get; init; }

    public static EvaluationSummary Skipped(string reason) => new() { Note = reason };

    /// <summary>This comparison as one row of a three-way evaluation.</summary>
    public StageComparisonRow ToStageRow(string candidate, string reference) =>
        new(candidate, reference, Method?.ToString(), Pairs, WinRate, WinRateLow, WinRateHigh);

    public static EvaluationSummary Of(EvaluationResult result, Uri resultUri, string resultName)
    {
        ArgumentNullException.ThrowIfNull(result);
        var headline = result.Headline;
        var labels = result.FineTunedLabels;
        var calibration = result.JudgeCalibration;
        var provenance = result.Provenance;
        return new EvaluationSummary
        {
            Pairs = result.PairCount,
            Failures = result.Failures.Count,
            Method = result.HeadlineMethod,
            WinRate = headline.WinRate,
            WinRateLow = headline.WinRateInterval?.Lower,
            WinRateHigh = headline.WinRateInterval?.Upper,
            LengthControlledWinRate = result.LengthControlled?.WinRate,
            LengthControlledLow = result.LengthControlled?.Interval.Lower,
            LengthControlledHigh = result.LengthControlled?.Interval.Upper,
            BaseMedianTokens = result.Lengths?.Base.MedianTokens,
            FineTunedMedianTokens = result.Lengths?.FineTuned.MedianTokens,
            BaseDeployment = result.BaseDeployment,
            JudgeDeployment = result.JudgeDeployment,
            RubricVersion = provenance?.RubricVersion,
            JudgeAgreement = calibration?.Agreement,
            JudgeAgreementLow = calibration?.AgreementInterval?.Lower,
            JudgeAgreementHigh = calibration?.AgreementInterval?.Upper,
            JudgeUnreliable = result.IsJudgeUnreliable,
            PreferredLikeRate = labels.Total == 0 ? null : (double)labels.PreferredLike / labels.Total,
            Service = provenance?.Service is { } service ? $"{Describe(service.Kind)} ({service.Host})" : null,
            Emulated = provenance?.IsEmulated == true,
            Seed = provenance?.Seed,
            EstimatedCostUsd = result.Cost?.EstimatedTotalUsd,
            Caveats = result.Caveats,
            ResultUri = resultUri,
            Note = result.Failures.Count == 0 ? null : $"{result.Failures.Count} call(s) failed after retries; see {resultName}.",
        };
    }

    private static string Describe(EvaluationServiceKind kind) => kind switch
    {
        EvaluationServiceKind.Emulator => "emulator",
        EvaluationServiceKind.AzureOpenAI => "Azure OpenAI",
        _ => "other service",
    };
}
