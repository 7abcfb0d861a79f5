namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// The headline of an evaluation, small enough for the run status; the full result is at <see cref="ResultUri"/>.
/// </summary>
/// <param name="WinRate">Share of decided comparisons the fine-tuned model won against the base model; null without a base deployment.</param>
/// <param name="PreferredLikeRate">Share of fine-tuned answers closer to the preferred than to the non-preferred output.</param>
/// <param name="Note">Why the evaluation was partial or skipped, when it was.</param>
public sealed record EvaluationSummary(
    int Pairs,
    int Failures,
    double? WinRate,
    double? WinRateLow,
    double? WinRateHigh,
    double? PreferredLikeRate,
    Uri? ResultUri,
    string? Note = null);
