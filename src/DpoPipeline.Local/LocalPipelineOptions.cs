using DpoPipeline.Local.Engine;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Local;

/// <summary>How to wire the workflow in this process: which engine backend, which service, where run files go.</summary>
public sealed record LocalPipelineOptions
{
    /// <summary>Folder that plays the role of the runs container.</summary>
    public required string RunsFolder { get; init; }

    /// <summary>Where orchestration state lives; in memory unless a durable backend is given.</summary>
    public EngineBackend Backend { get; init; } = EngineBackend.InMemory;

    /// <summary>
    /// An emulator of Azure OpenAI and ARM (both APIs at one loopback address, any bearer token accepted). Null: the
    /// services named by <see cref="Configuration"/> (<c>OpenAI:*</c>, <c>Arm:*</c>), reached with DefaultAzureCredential.
    /// </summary>
    public Uri? EmulatorUri { get; init; }

    /// <summary>How many times faster than real time the service's clock runs (the emulator's TimeScale); 1 for Azure.</summary>
    public double ServiceTimeScale { get; init; } = 1;

    /// <summary>Settings (<c>Pipeline:*</c>, <c>OpenAI:*</c>, <c>Arm:*</c>), e.g. from environment variables.</summary>
    public IConfiguration? Configuration { get; init; }

    /// <summary>Run storage other than <see cref="RunsFolder"/>, e.g. blob storage in Azurite for the starter's tests.</summary>
    public IRunFiles? Files { get; init; }

    public Action<PipelineOptions>? ConfigurePipeline { get; init; }

    public ILoggerFactory? Loggers { get; init; }
}
