namespace DpoPipeline.Core.Evaluation;

/// <summary>A confidence interval for a proportion, both bounds in 0..1.</summary>
public sealed record ProportionInterval(double Lower, double Upper)
{
    /// <summary>
    /// Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>: unlike the normal
    /// approximation it stays inside 0..1 and behaves at small counts and at 0 % or 100 %.
    /// </summary>
    /// <param name="z">Standard normal quantile; 1.96 gives a 95 % interval.</param>
    public static ProportionInterval Wilson(int successes, int trials, double z = 1.96)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var center = (p + (z2 / (2 * n))) / denominator;
        var halfWidth = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        return new ProportionInterval(Math.Max(0, center - halfWidth), Math.Min(1, center + halfWidth));
    }
}
