namespace DpoPipeline.Core.Evaluation;

/// <summary>Which reference output an answer resembles, as in the seed notebooks' label distribution.</summary>
public enum AnswerLabel
{
    PreferredLike,
    NonPreferredLike,
    Neither,
}
