using System.Globalization;
using DpoPipeline.Core.FineTuning;

namespace DpoPipeline.Core.Sweeps;

/// <summary>The names a sweep parameter goes by (sidecar keys, CLI <c>--sweep NAME=…</c>), and how a value applies.</summary>
public static class SweepParameters
{
    private static readonly Dictionary<string, SweepParameter> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["beta"] = SweepParameter.Beta,
        ["lr"] = SweepParameter.LearningRateMultiplier,
        ["learningRateMultiplier"] = SweepParameter.LearningRateMultiplier,
        ["learning_rate_multiplier"] = SweepParameter.LearningRateMultiplier,
        ["epochs"] = SweepParameter.Epochs,
        ["n_epochs"] = SweepParameter.Epochs,
        ["batchSize"] = SweepParameter.BatchSize,
        ["batch_size"] = SweepParameter.BatchSize,
    };

    /// <summary>The accepted names, for error messages.</summary>
    public static string Known => "beta, lr (learningRateMultiplier), epochs, batchSize";

    public static bool TryParse(string name, out SweepParameter parameter) => Aliases.TryGetValue(name.Trim(), out parameter);

    /// <summary>The short name used in labels and reports.</summary>
    public static string ShortName(SweepParameter parameter) => parameter switch
    {
        SweepParameter.Beta => "beta",
        SweepParameter.LearningRateMultiplier => "lr",
        SweepParameter.Epochs => "epochs",
        _ => "batchSize",
    };

    /// <summary>Epochs and batch size are whole numbers.</summary>
    public static bool IsInteger(SweepParameter parameter) => parameter is SweepParameter.Epochs or SweepParameter.BatchSize;

    public static DpoHyperparameters Apply(DpoHyperparameters hyperparameters, SweepParameter parameter, double value)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        return parameter switch
        {
            SweepParameter.Beta => hyperparameters with { Beta = value },
            SweepParameter.LearningRateMultiplier => hyperparameters with { LearningRateMultiplier = value },
            SweepParameter.Epochs => hyperparameters with { Epochs = (int)value },
            _ => hyperparameters with { BatchSize = (int)value },
        };
    }

    public static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
