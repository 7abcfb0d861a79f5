namespace DpoPipeline.Core.FineTuning;

/// <summary>Checks a <see cref="SftJobRequest"/> against the documented limits (the DPO ranges without beta).</summary>
public static class SftJobRequestValidator
{
    public static IReadOnlyList<string> Validate(SftJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.RunId))
        {
            problems.Add("RunId is required.");
        }

        if (string.IsNullOrWhiteSpace(request.Model))
        {
            problems.Add("Model is required.");
        }

        if (string.IsNullOrWhiteSpace(request.TrainingFileId))
        {
            problems.Add("TrainingFileId is required.");
        }

        if (request.Seed is < 0 or > int.MaxValue)
        {
            problems.Add($"seed must be 0–{int.MaxValue}, was {request.Seed}.");
        }

        problems.AddRange(DpoJobRequestValidator.ValidateHyperparameters(new DpoHyperparameters
        {
            BatchSize = request.BatchSize,
            LearningRateMultiplier = request.LearningRateMultiplier,
            Epochs = request.Epochs,
        }));
        return problems;
    }
}
