using System.Globalization;
using System.Text;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>
/// Deterministic training curves: DPO loss starts near ln 2 and falls, preference accuracy rises from 0.5, with
/// seeded jitter per step. Validation columns exist only when the job has a validation file; the full-validation
/// columns only on epoch ends (as in Azure's results CSV).
/// </summary>
internal sealed record StepMetrics(int Step, double TrainLoss, double TrainAccuracy, double? ValidLoss, double? ValidAccuracy, double? FullValidLoss, double? FullValidAccuracy)
{
    public const string CsvHeader =
        "step,train_loss,train_mean_token_accuracy,train_error_rate,valid_loss,valid_mean_token_accuracy,valid_error_rate,full_valid_loss,full_valid_mean_token_accuracy,full_valid_error_rate,timestamp";

    public static StepMetrics For(StoredJob job, JobPlan plan, int step)
    {
        var x = step / (double)plan.TotalSteps;
        var trainLoss = Round(Math.Max(0.01, (0.6931 * Math.Exp(-2.2 * x)) + 0.04 + (0.04 * Jitter(job.Id, step, "train-loss"))));
        var trainAccuracy = Round(Math.Clamp(0.5 + (0.42 * (1 - Math.Exp(-3 * x))) + (0.05 * Jitter(job.Id, step, "train-acc")), 0, 1));
        if (job.ValidationFile is null)
        {
            return new StepMetrics(step, trainLoss, trainAccuracy, null, null, null, null);
        }

        var validLoss = Round(trainLoss + 0.03 + (0.03 * Jitter(job.Id, step, "valid-loss")));
        var validAccuracy = Round(Math.Clamp(trainAccuracy - 0.03 + (0.03 * Jitter(job.Id, step, "valid-acc")), 0, 1));
        var epochEnd = step % plan.StepsPerEpoch == 0;
        return new StepMetrics(
            step,
            trainLoss,
            trainAccuracy,
            validLoss,
            validAccuracy,
            epochEnd ? Round(validLoss + 0.01) : null,
            epochEnd ? Round(Math.Max(0, validAccuracy - 0.01)) : null);
    }

    public string ToCsvRow(DateTimeOffset timestamp)
    {
        var row = new StringBuilder();
        row.Append(Step.ToString(CultureInfo.InvariantCulture));
        AppendPair(row, TrainLoss, TrainAccuracy);
        AppendPair(row, ValidLoss, ValidAccuracy);
        AppendPair(row, FullValidLoss, FullValidAccuracy);
        row.Append(',').Append(timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return row.ToString();
    }

    private static void AppendPair(StringBuilder row, double? loss, double? accuracy)
    {
        row.Append(',').Append(Format(loss)).Append(',').Append(Format(accuracy)).Append(',').Append(Format(accuracy is { } a ? Round(1 - a) : null));
    }

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static double Round(double value) => Math.Round(value, 5);

    /// <summary>A value in [-1, 1) fixed by job, step and series.</summary>
    private static double Jitter(string jobId, int step, string series) =>
        Math.Clamp(Ids.Seed($"{jobId}|{step}|{series}") / (double)int.MaxValue, -1, 1);
}
