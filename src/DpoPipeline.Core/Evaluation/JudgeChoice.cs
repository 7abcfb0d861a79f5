namespace DpoPipeline.Core.Evaluation;

/// <summary>The judge's verdict for one ordering: candidate A, candidate B, or neither.</summary>
public enum JudgeChoice
{
    A,
    B,
    Tie,
}
