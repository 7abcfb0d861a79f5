using Microsoft.Extensions.Logging;

namespace DpoPipeline.Local.Engine;

/// <summary>Lets a host log into a logger factory it does not own (the caller's), under the host's own filters.</summary>
internal sealed class LoggerFactoryProvider(ILoggerFactory factory) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

    // The factory belongs to the caller, who disposes it.
    public void Dispose()
    {
    }
}
