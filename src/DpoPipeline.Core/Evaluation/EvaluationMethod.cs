namespace DpoPipeline.Core.Evaluation;

/// <summary>How a comparison was decided.</summary>
public enum EvaluationMethod
{
    /// <summary>Wording overlap with the reference replies: a proxy, never a judgement of quality.</summary>
    LexicalProxy,

    /// <summary>An LLM judge deployment with a versioned rubric, both orders.</summary>
    Judge,
}
