using DpoPipeline.Core.Stats;

namespace DpoPipeline.Core.Evaluation;

/// <summary>Answer lengths of one model in tokens: nearest-rank median and 90th percentile, and the mean.</summary>
public sealed record LengthSummary(int Answers, int MedianTokens, int P90Tokens, double MeanTokens)
{
    public static LengthSummary Empty { get; } = new(0, 0, 0, 0);

    public static LengthSummary Of(IEnumerable<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var sorted = tokens.Order().ToList();
        return sorted.Count == 0
            ? Empty
            : new LengthSummary(sorted.Count, Distribution.Percentile(sorted, 50), Distribution.Percentile(sorted, 90), sorted.Average());
    }
}
