namespace DpoPipeline.Core.Evaluation;

/// <summary>Which call of an example failed.</summary>
public enum EvaluationStage
{
    BaseAnswer,
    FineTunedAnswer,
    Judge,

    /// <summary>The judge comparing the pair's own chosen and rejected reply, before the models are judged.</summary>
    JudgeCalibration,
}
