using System.Globalization;
using System.Text;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>
/// Deterministic training curves: DPO loss starts near ln 2 and falls (faster with a higher learning rate multiplier),
/// preference accuracy rises from 0.5, with seeded jitter per step that fades towards the end; the validation loss ends
/// higher the further beta and the learning rate multiplier are from 0.1 and 1 (<see cref="Penalty"/>). Validation columns exist only when the job has a validation file; the full-validation
/// columns only on epoch ends (as in Azure's results CSV).
/// </summary>
internal sealed record StepMetrics(int Step, double TrainLoss, double TrainAccuracy, double? ValidLoss, double? ValidAccuracy, double? FullValidLoss, double? FullValidAccuracy)
{
    public const string CsvHeader =
        "step,train_loss,train_mean_token_accuracy,train_error_rate,valid_loss,valid_mean_token_accuracy,valid_error_rate,full_valid_loss,full_valid_mean_token_accuracy,full_valid_error_rate,timestamp";

    public static StepMetrics For(StoredJob job, JobPlan plan, int step)
    {
        var x = step / (double)plan.TotalSteps;

        // Jitter fades towards the end, so final losses tell variants apart by their hyperparameters, not by chance.
        var fade = 1 - (0.8 * x);
        var trainLoss = Round(Math.Max(
            0.01, (0.6931 * Math.Exp(-2.2 * Math.Sqrt(plan.LearningRateMultiplier) * x)) + 0.04 + (0.04 * fade * Jitter(job.Id, step, "train-loss"))));
        var trainAccuracy = Round(Math.Clamp(0.5 + (0.42 * (1 - Math.Exp(-3 * x))) + (0.05 * Jitter(job.Id, step, "train-acc")), 0, 1));
        if (job.ValidationFile is null)
        {
            return new StepMetrics(step, trainLoss, trainAccuracy, null, null, null, null);
        }

        var validLoss = Round(trainLoss + 0.03 + (Penalty(plan) * x) + (0.03 * fade * Jitter(job.Id, step, "valid-loss")));
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

    /// <summary>
    /// How far the hyperparameters are from the emulated sweet spot (beta 0.1, learning rate multiplier 1): the held-out
    /// loss rises by this much over training, the same for the same values in every process.
    /// </summary>
    public static double Penalty(JobPlan plan) =>
        (0.05 * Math.Abs(Math.Log(plan.Beta / JobPlan.DefaultBeta))) + (0.05 * Math.Abs(Math.Log(plan.LearningRateMultiplier / JobPlan.DefaultLearningRateMultiplier)));

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
