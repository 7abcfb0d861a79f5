namespace DpoPipeline.Core.Evaluation;

/// <summary>Tokens a deployment reported for one or more calls.</summary>
public sealed record TokenUsage(long InputTokens, long OutputTokens)
{
    public static TokenUsage None { get; } = new(0, 0);

    public long TotalTokens => InputTokens + OutputTokens;

    public static TokenUsage operator +(TokenUsage left, TokenUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.InputTokens + right.InputTokens, left.OutputTokens + right.OutputTokens);
    }

    public static TokenUsage Add(TokenUsage left, TokenUsage right) => left + right;

    public static TokenUsage Sum(IEnumerable<TokenUsage> usages) => usages.Aggregate(None, Add);
}
