namespace DpoPipeline.Core.Evaluation;

/// <summary>Which reference output an answer's wording resembles by the lexical proxy, as in the seed notebooks' label distribution.</summary>
public enum AnswerLabel
{
    PreferredLike,
    NonPreferredLike,
    Neither,
}
