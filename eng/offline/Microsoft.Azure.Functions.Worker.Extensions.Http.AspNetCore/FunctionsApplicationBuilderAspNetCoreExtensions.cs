namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Stand-in: ASP.NET Core integration (HttpRequest in, IActionResult out).</summary>
public static class FunctionsApplicationBuilderAspNetCoreExtensions
{
    public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder) =>
        throw new NotSupportedException("Offline stand-in (DpoOffline=true): compile-only.");
}
