namespace DpoPipeline.Core.Evaluation;

/// <summary>Where an evaluation's numbers come from: the service, the method (judge and rubric, or the lexical proxy), the sample and the seed.</summary>
public sealed record EvaluationProvenance
{
    /// <summary>Null when the caller did not say (see <see cref="EvaluationOptions.Service"/>).</summary>
    public EvaluationService? Service { get; init; }

    /// <summary>The method of the headline win rate.</summary>
    public required EvaluationMethod Method { get; init; }

    public string? JudgeDeployment { get; init; }

    /// <summary>The judge rubric's version (e.g. pairwise-v1); null for the lexical proxy.</summary>
    public string? RubricVersion { get; init; }

    /// <summary>Held-out pairs evaluated.</summary>
    public required int SampleSize { get; init; }

    /// <summary>Held-out pairs the judge was calibrated on; 0 without a judge.</summary>
    public int CalibrationSampleSize { get; init; }

    /// <summary>The seed sent with every request; null when none was sent.</summary>
    public long? Seed { get; init; }

    /// <summary>True when the answers came from the emulator, whose figures are never measurements.</summary>
    public bool IsEmulated => Service?.IsEmulated == true;
}
