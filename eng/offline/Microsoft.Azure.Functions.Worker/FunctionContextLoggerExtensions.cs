using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: loggers from a function invocation.</summary>
public static class FunctionContextLoggerExtensions
{
    public static ILogger<T> GetLogger<T>(this FunctionContext context) => throw new NotSupportedException(OfflineStandIn.Message);

    public static ILogger GetLogger(this FunctionContext context, string categoryName) => throw new NotSupportedException(OfflineStandIn.Message);
}
