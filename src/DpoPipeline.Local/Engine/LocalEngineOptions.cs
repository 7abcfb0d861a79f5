using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Local.Engine;

/// <summary>What the local engine runs and with which services.</summary>
public sealed record LocalEngineOptions
{
    public required EngineBackend Backend { get; init; }

    /// <summary>The orchestrators and activities to register, e.g. <c>WorkflowTasks.Register</c>.</summary>
    public required Action<DurableTaskRegistry> Tasks { get; init; }

    /// <summary>Services the activities need; the worker resolves activities from them.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Serializer of every payload; the Functions app gives the worker the same one.</summary>
    public DataConverter? DataConverter { get; init; }

    /// <summary>Where logs go. The engine's own categories (sidecar, DurableTask, gRPC, ASP.NET Core) are kept at Warning.</summary>
    public ILoggerFactory? Loggers { get; init; }
}
