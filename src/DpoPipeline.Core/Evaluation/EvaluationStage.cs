namespace DpoPipeline.Core.Evaluation;

/// <summary>Which call of an example failed.</summary>
public enum EvaluationStage
{
    BaseAnswer,
    FineTunedAnswer,
    Judge,
}
