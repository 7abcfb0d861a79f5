using Azure.Core;
using Azure.Identity;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Core.Http;

/// <summary>Registers the Azure OpenAI fine-tuning and ARM deployment clients.</summary>
public static class AzureClientsServiceCollectionExtensions
{
    /// <summary>
    /// Binds sections "OpenAI" and "Arm", and registers <see cref="FineTuningServiceClient"/> and
    /// <see cref="DeploymentServiceClient"/> as singletons. Uses a registered <see cref="TokenCredential"/> and
    /// <see cref="TimeProvider"/> when present, else DefaultAzureCredential (which honours AZURE_CLIENT_ID) and the system
    /// clock. Settings are validated when a client is first resolved.
    /// </summary>
    public static IServiceCollection AddDpoAzureClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FineTuningClientOptions>().Bind(configuration.GetSection(FineTuningClientOptions.SectionName));
        services.AddOptions<ArmOptions>().Bind(configuration.GetSection(ArmOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton(provider => new AzureClientFactory(
            provider.GetRequiredService<TokenCredential>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddSingleton(provider => provider.GetRequiredService<AzureClientFactory>()
            .CreateFineTuningClient(provider.GetRequiredService<IOptions<FineTuningClientOptions>>().Value));
        services.TryAddSingleton(provider => provider.GetRequiredService<AzureClientFactory>()
            .CreateDeploymentClient(provider.GetRequiredService<IOptions<ArmOptions>>().Value));
        return services;
    }
}
