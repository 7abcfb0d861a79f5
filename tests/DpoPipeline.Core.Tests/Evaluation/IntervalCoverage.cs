using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Core.Tests.Evaluation;

/// <summary>
/// Exact coverage of the evaluator's 95 % Wilson interval, and how many misses a run of seeded trials may show. The
/// Wilson interval's true coverage wobbles around 95 % with the sample size (e.g. 94.6 %–95.9 % at 30 pairs), so a run
/// of trials shows fewer than 95 % hits about as often as not; the trials are judged against the exact coverage instead.
/// </summary>
internal static class IntervalCoverage
{
    /// <summary>P(the interval of k ~ Binomial(n, p) contains p).</summary>
    public static double Exact(int n, double p) =>
        Enumerable.Range(0, n + 1)
            .Where(k => ProportionInterval.Wilson(k, n) is var i && i.Lower <= p && p <= i.Upper)
            .Sum(k => Binomial(n, k, p));

    /// <summary>
    /// Coverage when each of <paramref name="pairs"/> is decisive with probability <paramref name="decisive"/> and the
    /// interval is over the decisive ones (given at least one).
    /// </summary>
    public static double OverDecisive(int pairs, double decisive, double p) =>
        Enumerable.Range(1, pairs).Sum(n => Binomial(pairs, n, decisive) * Exact(n, p)) / (1 - Math.Pow(1 - decisive, pairs));

    /// <summary>The most misses <paramref name="trials"/> independent trials show with probability ≥ 99.9 % at the given coverage.</summary>
    public static int AllowedMisses(int trials, double coverage)
    {
        var cumulative = 0.0;
        for (var misses = 0; misses <= trials; misses++)
        {
            cumulative += Binomial(trials, misses, 1 - coverage);
            if (cumulative >= 0.999)
            {
                return misses;
            }
        }

        return trials;
    }

    private static double Binomial(int n, int k, double p) =>
        Math.Exp(LogChoose(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p)));

    private static double LogChoose(int n, int k) =>
        Enumerable.Range(1, k).Sum(i => Math.Log(n - k + i) - Math.Log(i));
}
