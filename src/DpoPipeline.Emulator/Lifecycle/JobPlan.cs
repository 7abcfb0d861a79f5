using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>Hyperparameters with "auto" resolved, and the step count they imply, as the service fixes them when training starts.</summary>
internal sealed record JobPlan(int NEpochs, int BatchSize, double LearningRateMultiplier, double Beta, int StepsPerEpoch)
{
    public const double DefaultBeta = 0.1;
    public const double DefaultLearningRateMultiplier = 1;
    private const int DefaultEpochs = 3;

    public int TotalSteps => NEpochs * StepsPerEpoch;

    public static JobPlan For(StoredJob job)
    {
        var h = job.Hyperparameters;
        var examples = Math.Max(1, job.TrainingExamples);
        // Auto batch size is about 0.2 % of the examples, like the public platform's heuristic.
        var batch = h.BatchSize ?? Math.Clamp((int)Math.Ceiling(examples * 0.002), 1, 256);
        var stepsPerEpoch = (int)Math.Ceiling(examples / (double)batch);
        return new JobPlan(h.NEpochs ?? DefaultEpochs, batch, h.LearningRateMultiplier ?? DefaultLearningRateMultiplier, h.Beta ?? DefaultBeta, stepsPerEpoch);
    }
}
