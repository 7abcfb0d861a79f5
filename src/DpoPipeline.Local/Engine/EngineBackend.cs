using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Local.Engine;

/// <summary>Where the local engine keeps orchestration state: in memory, or durably in Azure Storage (Azurite).</summary>
public abstract record EngineBackend
{
    /// <summary>State lives in this process only: fast, and gone when it ends.</summary>
    public static EngineBackend InMemory { get; } = new InMemoryBackend();

    /// <summary>True when a run survives the process: a new engine on the same store resumes it.</summary>
    public abstract bool IsDurable { get; }

    /// <summary>One line for users: which backend, where.</summary>
    public abstract string Describe();

    /// <summary>Creates the backend, and its store when missing.</summary>
    internal abstract Task<OrchestrationBackend> CreateAsync(ILoggerFactory loggers, CancellationToken cancellationToken);
}
