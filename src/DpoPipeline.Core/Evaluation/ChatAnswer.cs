namespace DpoPipeline.Core.Evaluation;

/// <summary>What a deployment answered, and the tokens that answer cost.</summary>
public sealed record ChatAnswer(string Text, TokenUsage Usage);
