using System.Text;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// The lexical proxy: cosine similarity of character n-gram counts (case- and whitespace-insensitive) between an
/// answer and the two reference replies. No model and no network, so every evaluation has it even without a judge;
/// but it measures wording overlap with the references, not quality, so it is only ever reported as a proxy.
/// </summary>
public sealed class LexicalProxyScorer(LexicalProxyOptions? options = null)
{
    private readonly LexicalProxyOptions _options = Validate(options ?? new LexicalProxyOptions());

    public LexicalProxyScore Score(string answer, string preferred, string nonPreferred)
    {
        var answerGrams = Ngrams(answer);
        var toPreferred = Cosine(answerGrams, Ngrams(preferred));
        var toNonPreferred = Cosine(answerGrams, Ngrams(nonPreferred));
        return new LexicalProxyScore(toPreferred, toNonPreferred, Label(toPreferred, toNonPreferred));
    }

    /// <summary>Cosine similarity of two texts' n-gram profiles: 1 for the same text, 0 for nothing in common.</summary>
    public double Similarity(string left, string right) => Cosine(Ngrams(left), Ngrams(right));

    private AnswerLabel Label(double toPreferred, double toNonPreferred)
    {
        if (Math.Max(toPreferred, toNonPreferred) < _options.MinSimilarity
            || Math.Abs(toPreferred - toNonPreferred) < _options.MinMargin)
        {
            return AnswerLabel.Neither;
        }

        return toPreferred > toNonPreferred ? AnswerLabel.PreferredLike : AnswerLabel.NonPreferredLike;
    }

    private Dictionary<string, int> Ngrams(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = Normalize(text);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (normalized.Length == 0)
        {
            return counts;
        }

        var n = Math.Min(_options.NgramLength, normalized.Length);
        for (var i = 0; i + n <= normalized.Length; i++)
        {
            var gram = normalized.Substring(i, n);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return counts;
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static double Cosine(Dictionary<string, int> left, Dictionary<string, int> right)
    {
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
        double dot = small.Sum(pair => large.TryGetValue(pair.Key, out var other) ? (double)pair.Value * other : 0);
        return Math.Min(1.0, dot / (Norm(left) * Norm(right)));
    }

    private static double Norm(Dictionary<string, int> counts) => Math.Sqrt(counts.Values.Sum(v => (double)v * v));

    private static LexicalProxyOptions Validate(LexicalProxyOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NgramLength, 1, nameof(options));
        return options;
    }
}
