using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Stand-in: the host builder of an isolated worker app.</summary>
public class FunctionsApplicationBuilder : IHostApplicationBuilder
{
    internal FunctionsApplicationBuilder()
    {
    }

    public IDictionary<object, object> Properties => throw new NotSupportedException(OfflineStandIn.Message);

    public ConfigurationManager Configuration => throw new NotSupportedException(OfflineStandIn.Message);

    public IHostEnvironment Environment => throw new NotSupportedException(OfflineStandIn.Message);

    public ILoggingBuilder Logging => throw new NotSupportedException(OfflineStandIn.Message);

    public IMetricsBuilder Metrics => throw new NotSupportedException(OfflineStandIn.Message);

    public IServiceCollection Services => throw new NotSupportedException(OfflineStandIn.Message);

    IConfigurationManager IHostApplicationBuilder.Configuration => this.Configuration;

    public IHost Build() => throw new NotSupportedException(OfflineStandIn.Message);

    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull => throw new NotSupportedException(OfflineStandIn.Message);
}
