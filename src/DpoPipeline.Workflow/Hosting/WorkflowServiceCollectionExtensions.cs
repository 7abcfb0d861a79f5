using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.Http;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DpoPipeline.Workflow.Hosting;

/// <summary>Everything a host needs to run the workflow, except where run files live (blob storage or a folder).</summary>
public static class WorkflowServiceCollectionExtensions
{
    public static IServiceCollection AddDpoWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName))
            .Validate(
                o => o.MaxRunningJobs >= 1 && o.MaxFineTunedDeployments >= 1 && o.QuotaRecheckMinutes > 0,
                "Pipeline:MaxRunningJobs and Pipeline:MaxFineTunedDeployments must be at least 1, and Pipeline:QuotaRecheckMinutes above 0.");
        services.TryAddSingleton(TimeProvider.System);
        services.AddDpoAzureClients(configuration);
        services.AddTransient<ExpiredDeploymentCleaner>();
        services.TryAddSingleton<IChatSourceFactory, ChatSourceFactory>();
        foreach (var activity in WorkflowTasks.ActivityTypes)
        {
            services.AddTransient(activity);
        }

        return services;
    }
}
