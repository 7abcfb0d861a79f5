using System.Text.Json.Nodes;

namespace DpoPipeline.Core.FineTuning;

/// <summary>The raw JSON body of POST /fine_tuning/jobs for a run's SFT stage: <c>method.type = supervised</c>.</summary>
internal static class SftJobCreateBody
{
    public static string Json(SftJobRequest request)
    {
        var hyperparameters = new JsonObject();
        if (request.Epochs is { } epochs)
        {
            hyperparameters["n_epochs"] = epochs;
        }

        if (request.BatchSize is { } batch)
        {
            hyperparameters["batch_size"] = batch;
        }

        if (request.LearningRateMultiplier is { } rate)
        {
            hyperparameters["learning_rate_multiplier"] = rate;
        }

        var body = new JsonObject
        {
            ["model"] = request.Model,
            ["training_file"] = request.TrainingFileId,
            ["suffix"] = RunJobTag.SftSuffixFor(request.RunId),
            ["metadata"] = new JsonObject { [RunJobTag.MetadataKey] = request.RunId, [RunJobTag.StageKey] = RunJobTag.SftStage },
            ["method"] = new JsonObject
            {
                ["type"] = "supervised",
                ["supervised"] = new JsonObject { ["hyperparameters"] = hyperparameters },
            },
        };
        if (request.ValidationFileId is { } validation)
        {
            body["validation_file"] = validation;
        }

        if (request.Seed is { } seed)
        {
            body["seed"] = seed;
        }

        return body.ToJsonString();
    }
}
