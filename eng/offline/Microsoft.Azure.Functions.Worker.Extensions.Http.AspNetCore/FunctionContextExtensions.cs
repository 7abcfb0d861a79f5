using Microsoft.AspNetCore.Http;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: the ASP.NET Core request behind an HTTP-triggered invocation.</summary>
public static class FunctionContextExtensions
{
    public static HttpContext? GetHttpContext(this FunctionContext context) =>
        throw new NotSupportedException("Offline stand-in (DpoOffline=true): compile-only.");
}
