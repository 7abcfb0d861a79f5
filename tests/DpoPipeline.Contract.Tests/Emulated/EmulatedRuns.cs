using DpoPipeline.Core.FineTuning;

namespace DpoPipeline.Contract.Tests.Emulated;

/// <summary>Steps of a run as an orchestrator takes them: upload and wait, train and poll (waiting on the fake clock).</summary>
internal static class EmulatedRuns
{
    public static Task<FineTuningJob> WaitForJobAsync(this EmulatedAzure azure, string jobId, Func<FineTuningJob, bool> until) =>
        azure.RunAsync(async token =>
        {
            while (true)
            {
                var job = await azure.FineTuning.GetJobAsync(jobId, token);
                if (until(job) || job.Status.IsTerminal())
                {
                    return job;
                }

                await Task.Delay(TimeSpan.FromSeconds(30), azure.Time, token);
            }
        });

    public static async Task<FineTuningFile> UploadProcessedAsync(this EmulatedAzure azure)
    {
        FineTuningFile file;
        await using (var content = DpoData.OpenTraining())
        {
            file = await azure.FineTuning.UploadFileAsync(content, "train.jsonl");
        }

        return await azure.RunAsync(token => azure.FineTuning.WaitForFileProcessedAsync(file.Id, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), token));
    }

    /// <summary>Uploads the real DPO file, waits for processing and trains the run's job to a terminal state.</summary>
    public static async Task<FineTuningJob> TrainAsync(this EmulatedAzure azure, string runId, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var file = await azure.UploadProcessedAsync();
        var job = await azure.FineTuning.CreateDpoJobAsync(new DpoJobRequest
        {
            RunId = runId, Model = "gpt-4.1-mini-2025-04-14", TrainingFileId = file.Id, Metadata = metadata,
        });
        return await azure.WaitForJobAsync(job.Id, j => j.Status.IsTerminal());
    }
}
