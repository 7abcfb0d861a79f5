namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Stand-in: Application Insights for worker services.</summary>
public static class ApplicationInsightsExtensions
{
    public static IServiceCollection AddApplicationInsightsTelemetryWorkerService(this IServiceCollection services) =>
        throw new NotSupportedException("Offline stand-in (DpoOffline=true): compile-only.");
}
