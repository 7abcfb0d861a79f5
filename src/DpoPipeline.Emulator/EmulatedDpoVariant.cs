namespace DpoPipeline.Emulator;

/// <summary>
/// The ground truth of a DPO model trained with particular hyperparameters (configuration
/// <c>Emulator:Models:DpoVariants:{i}:…</c>): a job whose beta, learning rate multiplier and epochs equal every value set
/// here answers with this behaviour. Unset values match anything; the first matching entry wins.
/// </summary>
public sealed class EmulatedDpoVariant
{
    public double? Beta { get; set; }

    public double? LearningRateMultiplier { get; set; }

    public int? Epochs { get; set; }

    /// <summary>Probability of answering with the chosen reply (0..1).</summary>
    public double PreferenceRate { get; set; } = 0.8;

    /// <summary>As <see cref="EmulatedModelBehaviour.LengthDrift"/>.</summary>
    public double LengthDrift { get; set; } = 1;

    internal bool Matches(double beta, double learningRateMultiplier, int epochs) =>
        Same(Beta, beta) && Same(LearningRateMultiplier, learningRateMultiplier) && (Epochs is null || Epochs == epochs);

    internal EmulatedModelBehaviour ToBehaviour() => new() { PreferenceRate = PreferenceRate, LengthDrift = LengthDrift };

    private static bool Same(double? configured, double actual) => configured is not { } value || Math.Abs(value - actual) < 1e-9;
}
