namespace DpoPipeline.Core.Evaluation;

/// <summary>Tokens the evaluation used, per deployment role; the judge's calibration apart from its judging of the models.</summary>
public sealed record EvaluationUsage(TokenUsage Base, TokenUsage FineTuned, TokenUsage Judge, TokenUsage? JudgeCalibration = null)
{
    public TokenUsage Total => Base + FineTuned + Judge + (JudgeCalibration ?? TokenUsage.None);
}
