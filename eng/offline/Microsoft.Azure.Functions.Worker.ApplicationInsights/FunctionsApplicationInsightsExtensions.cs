using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: sends the worker's telemetry to Application Insights.</summary>
public static class FunctionsApplicationInsightsExtensions
{
    public static IServiceCollection ConfigureFunctionsApplicationInsights(this IServiceCollection services) =>
        throw new NotSupportedException("Offline stand-in (DpoOffline=true): compile-only.");
}
