using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Cleanup;
using DpoPipeline.Workflow.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>The cleanup timer's sweep: what still carries the id of an ended run is released; nothing else is touched.</summary>
public sealed class FinishedRunSweepTests
{
    [Fact(Timeout = 120_000)]
    public async Task What_an_ended_run_still_holds_is_released_and_nothing_of_unknown_runs_or_other_owners()
    {
        await using var harness = await PipelineHarness.StartAsync(emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(5), withBaseDeployment: false);
        var ended = (await harness.StartRunAsync(PipelineHarness.TestData("datasets/gsm8k-sft-chat-validation.jsonl"))).RunId;
        Assert.Equal(RunOutcome.Invalid, (await harness.RunToEndAsync(ended)).Outcome);
        var service = harness.Pipeline.Services.GetRequiredService<FineTuningServiceClient>();
        var deployments = harness.Pipeline.Services.GetRequiredService<DeploymentServiceClient>();
        var sample = await harness.SampleAsync();
        var file = await UploadProcessedAsync(service, sample, RunFileNames.Training(ended));
        var job = await service.CreateDpoJobAsync(
            new DpoJobRequest { RunId = ended, Model = PipelineHarness.BaseModel, TrainingFileId = file }, TestContext.Current.CancellationToken);
        var deployment = await deployments.CreateOrUpdateAsync(
            new DeploymentRequest { RunId = ended, ModelName = PipelineHarness.BaseModel, Owner = harness.Pipeline.Options.Owner }, TestContext.Current.CancellationToken);
        var unknown = await UploadProcessedAsync(service, sample, RunFileNames.Training("dpo-other-pipeline-0123456789abcdef"));
        var foreign = await deployments.CreateOrUpdateAsync(
            new DeploymentRequest { RunId = ended, Name = "someone-elses", ModelName = PipelineHarness.BaseModel, Owner = "someone-else" }, TestContext.Current.CancellationToken);
        var sweeper = new FinishedRunSweeper(
            harness.Pipeline.Runs, service, deployments, harness.Pipeline.Services.GetRequiredService<ReleaseRunResources>(),
            Options.Create(harness.Pipeline.Options), NullLogger<FinishedRunSweeper>.Instance);

        var released = await sweeper.SweepAsync(TestContext.Current.CancellationToken);

        var cleanup = Assert.Single(released).Value;
        Assert.Equal([job.Id], cleanup.CancelledJobs);
        Assert.Equal([file], cleanup.DeletedFiles);
        Assert.Contains(deployment.Name, cleanup.DeletedDeployments);
        var state = harness.Emulator.State;
        Assert.Equal("cancelled", state.Jobs.Single(j => j.Id == job.Id).Status);
        Assert.False(state.Files.Single(f => f.Id == unknown).Deleted);
        Assert.Contains(state.Deployments, d => d.Name == foreign.Name);
        Assert.Empty(await sweeper.SweepAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<string> UploadProcessedAsync(FineTuningServiceClient service, string path, string name)
    {
        await using var content = File.OpenRead(path);
        var id = (await service.UploadFileAsync(content, name, TestContext.Current.CancellationToken)).Id;
        await service.WaitForFileProcessedAsync(id, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return id;
    }
}
