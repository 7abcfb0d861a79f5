namespace DpoPipeline.Core.Reports;

/// <summary>
/// The training curve of a job: one entry per step, in step order. Built from rows that may come from several
/// sources (result CSV, events, checkpoints) and may repeat a step; non-finite values are treated as missing.
/// </summary>
public sealed record TrainingMetricsSeries(IReadOnlyList<TrainingStepMetrics> Steps)
{
    public static TrainingMetricsSeries Empty { get; } = new([]);

    /// <summary>The last train loss reported, or null.</summary>
    public double? FinalTrainLoss => Steps.LastOrDefault(s => s.TrainLoss is not null)?.TrainLoss;

    /// <summary>The last validation loss reported, or null.</summary>
    public double? FinalValidationLoss => Steps.LastOrDefault(s => s.ValidationLoss is not null)?.ValidationLoss;

    /// <summary>The last train accuracy reported, or null.</summary>
    public double? FinalTrainAccuracy => Steps.LastOrDefault(s => s.TrainAccuracy is not null)?.TrainAccuracy;

    /// <summary>The last validation accuracy reported, or null.</summary>
    public double? FinalValidationAccuracy => Steps.LastOrDefault(s => s.ValidationAccuracy is not null)?.ValidationAccuracy;

    /// <summary>The step with the lowest validation loss, or null when none was reported.</summary>
    public TrainingStepMetrics? BestValidationStep => Steps.Where(s => s.ValidationLoss is not null).MinBy(s => s.ValidationLoss);

    /// <summary>
    /// Orders rows by step and merges rows of the same step: a later row's values win, but a missing value never
    /// erases one reported earlier.
    /// </summary>
    public static TrainingMetricsSeries From(IEnumerable<TrainingStepMetrics> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byStep = new SortedDictionary<int, TrainingStepMetrics>();
        foreach (var row in rows)
        {
            var clean = new TrainingStepMetrics(
                row.Step, Finite(row.TrainLoss), Finite(row.ValidationLoss), Finite(row.TrainAccuracy), Finite(row.ValidationAccuracy));
            byStep[row.Step] = byStep.TryGetValue(row.Step, out var earlier)
                ? new TrainingStepMetrics(
                    row.Step,
                    clean.TrainLoss ?? earlier.TrainLoss,
                    clean.ValidationLoss ?? earlier.ValidationLoss,
                    clean.TrainAccuracy ?? earlier.TrainAccuracy,
                    clean.ValidationAccuracy ?? earlier.ValidationAccuracy)
                : clean;
        }

        return new TrainingMetricsSeries([.. byStep.Values]);
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
