using DpoPipeline.Core.Quotas;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Hosting;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Workflow.Activities;

/// <summary>The resource's limits from the app settings, read by the quota coordinator when it starts a generation.</summary>
public sealed class ReadQuotaLimits(IOptions<PipelineOptions> options) : IWorkflowActivity<ReadQuotaLimitsRequest, QuotaLimits>
{
    public Task<QuotaLimits> RunAsync(ReadQuotaLimitsRequest input, CancellationToken cancellationToken)
    {
        var pipeline = options.Value;
        return Task.FromResult(new QuotaLimits(
            pipeline.MaxRunningJobs,
            pipeline.MaxFineTunedDeployments,
            TimeSpan.FromMinutes(pipeline.QuotaRecheckMinutes) / Math.Max(1, pipeline.ServiceTimeScale)));
    }
}

/// <summary>No input: the limits are the app's, not a run's.</summary>
public sealed record ReadQuotaLimitsRequest;
