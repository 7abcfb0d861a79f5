namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// One row of a job's result file. Accuracy is the mean token accuracy (Azure <c>train_mean_token_accuracy</c>,
/// OpenAI <c>train_accuracy</c>); validation values exist only on the steps where the service evaluated.
/// <see cref="Values"/> holds every numeric column of the row, including ones not named here.
/// </summary>
public sealed record StepMetrics(
    int Step,
    double? TrainLoss,
    double? TrainAccuracy,
    double? ValidLoss,
    double? ValidAccuracy,
    double? FullValidLoss,
    double? FullValidAccuracy,
    IReadOnlyDictionary<string, double> Values);
