namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// A fitted logistic regression logit(p) = <paramref name="Intercept"/> + <paramref name="Slope"/> · x, with the
/// coefficients' covariance (inverse Fisher information) at the maximum-likelihood estimate.
/// </summary>
public sealed record LogisticFit(double Intercept, double Slope, double InterceptVariance, double SlopeVariance, double Covariance, int Iterations);
