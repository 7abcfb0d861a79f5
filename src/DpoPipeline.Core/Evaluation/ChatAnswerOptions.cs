namespace DpoPipeline.Core.Evaluation;

/// <summary>Sampling settings for evaluation calls: deterministic and short by default, so runs are comparable and cheap.</summary>
public sealed record ChatAnswerOptions
{
    /// <summary>Sampling temperature; null leaves it to the service (some models reject the parameter).</summary>
    public float? Temperature { get; init; } = 0f;

    /// <summary>Upper bound on the reply length, which also bounds the cost of each call.</summary>
    public int MaxOutputTokens { get; init; } = 512;
}
