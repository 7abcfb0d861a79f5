namespace DpoPipeline.Core.Evaluation;

/// <summary>The fine-tuned model's result against the base model on one example.</summary>
public enum PairOutcome
{
    Win,
    Loss,
    Tie,
}
