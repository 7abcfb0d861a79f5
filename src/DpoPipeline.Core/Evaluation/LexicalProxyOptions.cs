namespace DpoPipeline.Core.Evaluation;

/// <summary>Thresholds of the lexical proxy (<see cref="LexicalProxyScorer"/>).</summary>
public sealed record LexicalProxyOptions
{
    /// <summary>Length of the character n-grams compared; 3 works for languages with and without spaces.</summary>
    public int NgramLength { get; init; } = 3;

    /// <summary>Below this similarity to both references an answer resembles neither.</summary>
    public double MinSimilarity { get; init; } = 0.15;

    /// <summary>A margin smaller than this is too close to call: the answer resembles neither in particular.</summary>
    public double MinMargin { get; init; } = 0.03;
}
