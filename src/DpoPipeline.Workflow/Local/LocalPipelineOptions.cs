using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Workflow.Local;

/// <summary>How to wire a run in this process: against which service (the emulator), where files go, which clock.</summary>
public sealed record LocalPipelineOptions
{
    /// <summary>Base address of the service: the emulator's for local runs and tests.</summary>
    public required Uri ServiceUri { get; init; }

    /// <summary>Folder that plays the role of the runs container.</summary>
    public required string RunsFolder { get; init; }

    /// <summary>Run storage other than <see cref="RunsFolder"/>, e.g. blob storage in Azurite for the starter's tests.</summary>
    public IRunFiles? Files { get; init; }

    /// <summary>The workflow's clock: durable timers, deployment expiry, report times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The clients' clock for retry waits; real time by default, so a fake workflow clock never stalls a retry.</summary>
    public TimeProvider ClientTime { get; init; } = TimeProvider.System;

    public Action<PipelineOptions>? ConfigurePipeline { get; init; }

    public ILoggerFactory? Loggers { get; init; }
}
