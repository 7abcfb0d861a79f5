using DpoPipeline.Cli.Tests;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests.Http;

/// <summary>`dpo runs pause` and `resume` reach the fine-tuning job of a training run through the HTTP functions.</summary>
public sealed class DpoRunsJobControlTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task Pause_and_resume_reach_the_training_job_and_pausing_a_finished_run_exits_1()
    {
        // A long training (10 service hours, 18 real seconds here) leaves time to steer the job.
        await using var harness = await PipelineHarness.StartAsync(emulator: o => o.Durations.JobRunning = TimeSpan.FromHours(10), withBaseDeployment: false);
        await using var host = await FunctionsHttpHost.StartAsync(harness);
        var request = await harness.StartRunAsync(await harness.SampleAsync());
        // The service pauses a job only once it has completed a step.
        await harness.WaitUntilAsync(request.RunId, view => view.Job?.LatestMetrics is { Step: > 0 });

        var paused = await DpoRunsAsync(host, "pause", request.RunId);
        await JobStatusAsync(harness, "paused");
        var resumed = await DpoRunsAsync(host, "resume", request.RunId);
        await JobStatusAsync(harness, "running");
        var cancelled = await DpoRunsAsync(host, "cancel", request.RunId);
        var result = await harness.RunToEndAsync(request.RunId);
        var pausedAfterTheEnd = await DpoRunsAsync(host, "pause", request.RunId);

        Assert.True(paused.ExitCode == 0, paused.ToString());
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        Assert.Equal(RunOutcome.Cancelled, result.Outcome);
        Assert.Equal("cancelled", Assert.Single(harness.Emulator.State.Jobs).Status);
        Assert.Equal(1, pausedAfterTheEnd.ExitCode);
    }

    private static Task<CliRun> DpoRunsAsync(FunctionsHttpHost host, params string[] args) =>
        CliRun.InvokeAsync(["runs", .. args, "--app", host.BaseUri.ToString(), "--key", host.Key]);

    private static async Task JobStatusAsync(PipelineHarness harness, string status)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (harness.Emulator.State.Jobs is not [{ } job] || job.Status != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The job is not {status} after {Limit}: {string.Join(", ", harness.Emulator.State.Jobs.Select(j => j.Status))}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }
    }
}
