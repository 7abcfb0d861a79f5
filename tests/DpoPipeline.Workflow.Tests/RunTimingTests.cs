using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Tests;

public sealed class RunTimingTests
{
    [Fact]
    public void Azure_timing_polls_the_job_from_one_to_fifteen_minutes()
    {
        var job = RunTiming.Azure.Job;

        Assert.Equal(TimeSpan.FromMinutes(1), job.First);
        Assert.Equal(TimeSpan.FromMinutes(2), job.Next(job.First));
        Assert.Equal(TimeSpan.FromMinutes(15), job.Next(TimeSpan.FromMinutes(10)));
        Assert.Null(job.GiveUpAfter);
    }

    [Fact]
    public void A_service_running_a_thousand_times_faster_shrinks_every_wait_of_a_run_alike()
    {
        var options = RunOptionsResolver.Resolve(new PipelineOptions { ServiceTimeScale = 1000 }, new RunOverrides { DeploymentTtlHours = 2 });

        Assert.Equal(TimeSpan.FromHours(2) / 1000, options.DeploymentTtl);
        Assert.Equal(TimeSpan.FromHours(24) / 1000, options.ApprovalTimeout);
        Assert.Equal(TimeSpan.FromHours(168) / 1000, options.MaxRunTime);
        Assert.Equal(TimeSpan.FromSeconds(10) / 1000, options.Timing.Files.First);
        Assert.Equal(TimeSpan.FromHours(1) / 1000, options.Timing.Deployment.GiveUpAfter);
        Assert.Equal(TimeSpan.FromMinutes(15) / 1000, options.Timing.Job.Max);
        Assert.Equal(TimeSpan.FromMinutes(5) / 1000, options.Timing.RetryMax);
    }

    [Fact]
    public void Limits_are_checked_on_the_service_time_a_user_asked_for_not_on_the_compressed_one()
    {
        var problems = Assert.Throws<RunOptionsException>(() =>
            RunOptionsResolver.Resolve(new PipelineOptions { ServiceTimeScale = 1000 }, new RunOverrides { DeploymentTtlHours = 1000 })).Problems;

        Assert.Contains(problems, p => p.StartsWith("deploymentTtlHours", StringComparison.Ordinal));
    }

    [Fact]
    public void Azure_runs_keep_azure_timing()
    {
        var options = RunOptionsResolver.Resolve(new PipelineOptions(), null);

        Assert.Same(RunTiming.Azure, options.Timing);
        Assert.Equal(TimeSpan.FromHours(24), options.DeploymentTtl);
    }

    [Fact]
    public void A_time_scale_below_one_is_refused()
    {
        var problems = Assert.Throws<RunOptionsException>(() => RunOptionsResolver.Resolve(new PipelineOptions { ServiceTimeScale = 0.5 }, null)).Problems;

        Assert.Contains(problems, p => p.Contains("ServiceTimeScale", StringComparison.Ordinal));
    }
}
