namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Maximum-likelihood logistic regression on one predictor by Newton's method (IRLS). Hand-written: the referenced
/// packages have no GLM (Microsoft.ML's trainers would pull in a large dependency for a 2 × 2 Newton step).
/// </summary>
public static class LogisticRegression
{
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    // On a standardised predictor, |coefficient| beyond this means p is 0 or 1 to machine precision: the data are
    // (quasi-)separated and the maximum-likelihood estimate does not exist.
    private const double SeparationBound = 30;

    /// <summary>Fits logit P(y) = a + b·x; null when the estimate does not exist (one class only, x constant, separation).</summary>
    public static LogisticFit? Fit(IReadOnlyList<double> x, IReadOnlyList<bool> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("x and y must have the same length.", nameof(y));
        }

        var n = x.Count;
        var positives = y.Count(v => v);
        var mean = n == 0 ? 0 : x.Average();
        var sd = n < 2 ? 0 : Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        if (positives == 0 || positives == n || !(sd > 0))
        {
            return null;
        }

        // Scaling (not centring) x keeps the intercept's meaning, the log-odds at x = 0, and the step well conditioned.
        var scaled = x.Select(v => v / sd).ToArray();
        double a = 0, b = 0;
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var (gradA, gradB, infoAA, infoAB, infoBB) = Step(scaled, y, a, b);
            var determinant = (infoAA * infoBB) - (infoAB * infoAB);
            if (!(determinant > 1e-12))
            {
                return null;
            }

            var deltaA = ((infoBB * gradA) - (infoAB * gradB)) / determinant;
            var deltaB = ((infoAA * gradB) - (infoAB * gradA)) / determinant;
            a += deltaA;
            b += deltaB;
            if (Math.Abs(a) > SeparationBound || Math.Abs(b) > SeparationBound || double.IsNaN(a) || double.IsNaN(b))
            {
                return null;
            }

            if (Math.Max(Math.Abs(deltaA), Math.Abs(deltaB)) < Tolerance)
            {
                var (_, _, aa, ab, bb) = Step(scaled, y, a, b);
                var det = (aa * bb) - (ab * ab);
                return new LogisticFit(a, b / sd, bb / det, aa / det / (sd * sd), -ab / det / sd, iteration);
            }
        }

        return null;
    }

    /// <summary>The log-likelihood's gradient and the Fisher information at (a, b).</summary>
    private static (double GradA, double GradB, double InfoAA, double InfoAB, double InfoBB) Step(double[] x, IReadOnlyList<bool> y, double a, double b)
    {
        double gradA = 0, gradB = 0, infoAA = 0, infoAB = 0, infoBB = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var p = Sigmoid(a + (b * x[i]));
            var residual = (y[i] ? 1 : 0) - p;
            var weight = p * (1 - p);
            gradA += residual;
            gradB += residual * x[i];
            infoAA += weight;
            infoAB += weight * x[i];
            infoBB += weight * x[i] * x[i];
        }

        return (gradA, gradB, infoAA, infoAB, infoBB);
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
