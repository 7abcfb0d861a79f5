namespace DpoPipeline.Emulator;

/// <summary>
/// How an emulated model answers a prompt the emulator holds a preference pair for: the pair's chosen reply with
/// probability <see cref="PreferenceRate"/>, else its rejected reply, lengthened by <see cref="LengthDrift"/>.
/// Ground truth for testing the evaluator, never a measurement.
/// </summary>
public sealed class EmulatedModelBehaviour
{
    /// <summary>Probability of answering with the chosen reply (0..1).</summary>
    public double PreferenceRate { get; set; } = 0.5;

    /// <summary>Answers are stretched to this multiple of their length in characters (≥ 1; 1 = as in the dataset).</summary>
    public double LengthDrift { get; set; } = 1;

    internal void Validate(string name)
    {
        if (PreferenceRate is < 0 or > 1 || double.IsNaN(PreferenceRate))
        {
            throw new ArgumentOutOfRangeException(name, PreferenceRate, $"{name}:PreferenceRate must be between 0 and 1.");
        }

        if (!(LengthDrift >= 1) || double.IsInfinity(LengthDrift))
        {
            throw new ArgumentOutOfRangeException(name, LengthDrift, $"{name}:LengthDrift must be a finite number of at least 1.");
        }
    }
}
