using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void Fit_BinaryPredictor_ReproducesTheClosedFormEstimate()
    {
        // With x in {0, 1} the maximum-likelihood fit reproduces each group's share: intercept = logit(6/10),
        // slope = logit(9/12) − logit(6/10), and Var(intercept) = 1 / (n₀ p₀ (1 − p₀)) = 1 / 2.4.
        double[] x = [.. Enumerable.Repeat(0.0, 10), .. Enumerable.Repeat(1.0, 12)];
        bool[] y = [.. Enumerable.Range(0, 10).Select(i => i < 6), .. Enumerable.Range(0, 12).Select(i => i < 9)];

        var fit = LogisticRegression.Fit(x, y)!;

        Assert.Equal(Math.Log(1.5), fit.Intercept, 9);
        Assert.Equal(Math.Log(3) - Math.Log(1.5), fit.Slope, 9);
        Assert.Equal(1 / 2.4, fit.InterceptVariance, 9);
    }

    [Fact]
    public void Fit_ContinuousPredictor_MatchesAReferenceGlm()
    {
        // Reference: statsmodels 0.13.5 GLM(y, add_constant(x), family=Binomial()) on the same 20 points gives
        // params [0.22887525, 0.01207378], standard errors [0.49538296, 0.00816671], cov(intercept, slope) -0.00069850165.
        double[] x = [-120, -80, -45, -30, -10, 0, 5, 12, 25, 40, 60, 75, 90, 130, 150, -60, 20, 35, 100, -5];
        int[] y = [0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1];

        var fit = LogisticRegression.Fit(x, [.. y.Select(v => v == 1)])!;

        Assert.Equal(0.22887525, fit.Intercept, 7);
        Assert.Equal(0.01207378, fit.Slope, 7);
        Assert.Equal(0.49538296, Math.Sqrt(fit.InterceptVariance), 7);
        Assert.Equal(0.00816671, Math.Sqrt(fit.SlopeVariance), 7);
        Assert.Equal(-0.00069850165, fit.Covariance, 9);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 3.0 }, new[] { true, true, true })] // one class only
    [InlineData(new[] { 5.0, 5.0, 5.0, 5.0 }, new[] { true, false, true, false })] // the predictor never varies
    [InlineData(new[] { -3.0, -2.0, -1.0, 1.0, 2.0, 3.0 }, new[] { false, false, false, true, true, true })] // separated by x
    public void Fit_WithoutAnEstimate_IsNull(double[] x, bool[] y) => Assert.Null(LogisticRegression.Fit(x, y));
}
