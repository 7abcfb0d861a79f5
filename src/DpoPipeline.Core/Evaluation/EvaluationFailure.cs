namespace DpoPipeline.Core.Evaluation;

/// <summary>A call that still failed after its retries; reported, never thrown.</summary>
public sealed record EvaluationFailure(int PairIndex, EvaluationStage Stage, string Error);
