using System.Text.Json.Nodes;
using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Json;

/// <summary>
/// Fine-tuning job objects shaped like Azure's v1 API: keys are omitted rather than null, "auto" is -1 until training
/// starts, DPO jobs carry <c>method.dpo.hyperparameters</c> (with <c>beta</c>, <c>l2_multiplier</c>) and no top-level
/// <c>hyperparameters</c>; supervised jobs carry both.
/// </summary>
internal static class JobJson
{
    public static JsonObject Write(StoredJob job, JobProgress progress, DateTimeOffset now, EmulatorOptions options)
    {
        var started = progress.HasStarted(now);
        var json = new JsonObject();
        if (job.Method == StoredJob.SupervisedMethod)
        {
            json["hyperparameters"] = SupervisedHyperparameters(job, progress.Plan, started);
        }

        json["additionalParameters"] = new JsonObject { ["completionOverride"] = "True" };
        if (job.Suffix is not null)
        {
            json["suffix"] = job.Suffix;
        }

        if (job.Metadata is not null)
        {
            json["metadata"] = new JsonObject(job.Metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }

        json["seed"] = job.Seed;
        json["method"] = Method(job, progress.Plan, started);
        json["trainingType"] = job.TrainingType;
        json["status"] = progress.Status;
        if (progress.Status == JobStatus.Failed)
        {
            json["error"] = new JsonObject { ["code"] = JobHistory.MidwayFailure.Code, ["message"] = JobHistory.MidwayFailure.Message };
        }

        json["model"] = job.Model;
        if (progress.Status == JobStatus.Succeeded)
        {
            json["fine_tuned_model"] = job.FineTunedModelName;
        }

        json["training_file"] = job.TrainingFile;
        if (job.ValidationFile is not null)
        {
            json["validation_file"] = job.ValidationFile;
        }

        if (progress.HasResultFile)
        {
            json["result_files"] = new JsonArray(job.ResultFileId);
        }

        if (progress.FinishedAt is { } finished)
        {
            json["finished_at"] = finished.ToUnixTimeSeconds();
        }

        if (progress.Status == JobStatus.Succeeded)
        {
            json["trained_tokens"] = JobHistory.TrainedTokens(job, progress);
        }

        json["estimated_finish"] = EstimatedFinish(job, options).ToUnixTimeSeconds();
        json["id"] = job.Id;
        json["created_at"] = job.CreatedAt.ToUnixTimeSeconds();
        json["object"] = "fine_tuning.job";
        return json;
    }

    public static JsonObject Event(JobEvent e) => new()
    {
        ["id"] = e.Id,
        ["created_at"] = e.CreatedAt.ToUnixTimeSeconds(),
        ["level"] = e.Level,
        ["message"] = e.Message,
        ["type"] = "message",
        ["object"] = "fine_tuning.job.event",
    };

    public static JsonObject Checkpoint(StoredJob job, JobCheckpoint checkpoint)
    {
        var m = checkpoint.Metrics;
        var metrics = new JsonObject { ["step"] = m.Step, ["train_loss"] = m.TrainLoss, ["train_mean_token_accuracy"] = m.TrainAccuracy };
        if (m.ValidLoss is { } validLoss && m.ValidAccuracy is { } validAccuracy)
        {
            metrics["valid_loss"] = validLoss;
            metrics["valid_mean_token_accuracy"] = validAccuracy;
        }

        if (m.FullValidLoss is { } fullLoss && m.FullValidAccuracy is { } fullAccuracy)
        {
            metrics["full_valid_loss"] = fullLoss;
            metrics["full_valid_mean_token_accuracy"] = fullAccuracy;
        }

        return new JsonObject
        {
            ["id"] = checkpoint.Id,
            ["created_at"] = checkpoint.CreatedAt.ToUnixTimeSeconds(),
            ["fine_tuned_model_checkpoint"] = checkpoint.FineTunedModelCheckpoint,
            ["step_number"] = checkpoint.StepNumber,
            ["metrics"] = metrics,
            ["fine_tuning_job_id"] = job.Id,
            ["object"] = "fine_tuning.job.checkpoint",
        };
    }

    public static JsonObject Page(IEnumerable<JsonObject> items, bool hasMore) =>
        new() { ["has_more"] = hasMore, ["data"] = new JsonArray([.. items]), ["object"] = "list" };

    /// <summary>Set at creation, assuming no wait for the running slot (as the service's estimate does).</summary>
    public static DateTimeOffset EstimatedFinish(StoredJob job, EmulatorOptions options)
    {
        var d = options.Durations;
        return job.CreatedAt + options.Scaled(d.JobPending) + options.Scaled(d.JobValidatingFiles) + options.Scaled(d.JobQueued) + options.Scaled(d.JobRunning);
    }

    private static JsonObject Method(StoredJob job, JobPlan plan, bool started)
    {
        var hyperparameters = job.Method == StoredJob.DpoMethod ? DpoHyperparameters(job, plan, started) : SupervisedHyperparameters(job, plan, started);
        return new JsonObject
        {
            ["type"] = job.Method,
            [job.Method] = new JsonObject { ["hyperparameters"] = hyperparameters },
        };
    }

    private static JsonObject DpoHyperparameters(StoredJob job, JobPlan plan, bool started)
    {
        var h = job.Hyperparameters;
        return new JsonObject
        {
            ["beta"] = h.Beta ?? JobPlan.DefaultBeta,
            ["l2_multiplier"] = 0,
            ["n_epochs"] = started ? plan.NEpochs : h.NEpochs ?? -1,
            ["batch_size"] = started ? plan.BatchSize : h.BatchSize ?? -1,
            ["learning_rate_multiplier"] = h.LearningRateMultiplier ?? JobPlan.DefaultLearningRateMultiplier,
        };
    }

    private static JsonObject SupervisedHyperparameters(StoredJob job, JobPlan plan, bool started)
    {
        var h = job.Hyperparameters;
        return new JsonObject
        {
            ["n_epochs"] = started ? plan.NEpochs : h.NEpochs ?? -1,
            ["batch_size"] = started ? plan.BatchSize : h.BatchSize ?? -1,
            ["learning_rate_multiplier"] = h.LearningRateMultiplier ?? JobPlan.DefaultLearningRateMultiplier,
        };
    }
}
