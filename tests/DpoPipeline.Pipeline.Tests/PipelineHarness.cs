using DpoPipeline.Core.Samples;
using DpoPipeline.Emulator;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Local;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// A whole pipeline on a fake clock: the emulator and the workflow share it, so a run that takes hours of service time
/// finishes in seconds, and every timer, poll and TTL happens in virtual time.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public const string BaseModel = "gpt-4.1-mini-2025-04-14";
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    private readonly string _folder;

    private PipelineHarness(FakeTimeProvider clock, EmulatorHandle emulator, LocalPipeline pipeline, string folder)
    {
        Clock = clock;
        Emulator = emulator;
        Pipeline = pipeline;
        _folder = folder;
    }

    public FakeTimeProvider Clock { get; }

    public EmulatorHandle Emulator { get; }

    public LocalPipeline Pipeline { get; }

    public string DatasetsFolder => Path.Combine(_folder, "datasets");

    public static async Task<PipelineHarness> StartAsync(
        Action<EmulatorOptions>? emulator = null,
        Action<PipelineOptions>? pipeline = null,
        bool withBaseDeployment = true,
        IRunFiles? files = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var emulatorOptions = new EmulatorOptions { TimeProvider = clock };
        emulator?.Invoke(emulatorOptions);
        var handle = await EmulatorServer.StartAsync(emulatorOptions, TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("dpo-pipeline-test-").FullName;
        var local = LocalPipeline.Create(new LocalPipelineOptions
        {
            ServiceUri = handle.BaseUri,
            RunsFolder = Path.Combine(folder, "runs"),
            Files = files,
            Time = clock,
            ConfigurePipeline = options =>
            {
                options.DefaultBaseModel = BaseModel;
                options.DeploymentTtlHours = 2;
                options.EvaluationSampleSize = 8;
                options.EvaluationBaseDeployment = withBaseDeployment ? LocalPipeline.BaseDeploymentName(BaseModel) : null;
                pipeline?.Invoke(options);
            },
        });
        var harness = new PipelineHarness(clock, handle, local, folder);
        if (withBaseDeployment)
        {
            await local.CreateBaseDeploymentAsync(BaseModel, TestContext.Current.CancellationToken);
        }

        return harness;
    }

    public async Task<string> SampleAsync(string? fileName = null)
    {
        var path = await SampleDatasets.Default.ExtractAsync(DatasetsFolder, TestContext.Current.CancellationToken);
        if (fileName is null)
        {
            return path;
        }

        var renamed = Path.Combine(DatasetsFolder, fileName);
        File.Copy(path, renamed, overwrite: true);
        return renamed;
    }

    public static string TestData(string relative) => Path.Combine(AppContext.BaseDirectory, "data", relative);

    public async Task<RunRequest> StartRunAsync(string datasetPath, RunOverrides? overrides = null)
    {
        var request = Pipeline.CreateRequest(datasetPath, overrides, Guid.NewGuid());
        var started = await Pipeline.Runs.StartAsync(request, TestContext.Current.CancellationToken);
        Assert.True(started.Started);
        return request;
    }

    /// <summary>Lets the run work, moving the clock on whenever everything waits, until <paramref name="done"/> holds.</summary>
    public async Task<LocalInstanceStatus> AdvanceUntilAsync(string runId, Func<LocalInstanceStatus, bool> done, TimeSpan? limit = null)
    {
        var giveUpAt = Clock.GetUtcNow() + (limit ?? TimeSpan.FromDays(2));
        while (true)
        {
            await Pipeline.Host.WaitForIdleAsync(TestContext.Current.CancellationToken);
            var status = Pipeline.Host.GetStatus(runId) ?? throw new InvalidOperationException($"No instance {runId}.");
            if (done(status))
            {
                return status;
            }

            if (status.IsTerminal || Clock.GetUtcNow() >= giveUpAt)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Run {runId} is {status.RuntimeStatus} at {Clock.GetUtcNow():u} ({status.SerializedCustomStatus}); the awaited state never came.");
            }

            // Jump to the next durable timer: nothing the workflow can observe changes before it fires.
            var next = Pipeline.Host.GetNextTimerDue() - Clock.GetUtcNow();
            Clock.Advance(next is { } wait && wait > TimeSpan.Zero ? wait : Step);
        }
    }

    public async Task<RunResult> RunToEndAsync(string runId, TimeSpan? limit = null)
    {
        var status = await AdvanceUntilAsync(runId, s => s.IsTerminal, limit);
        return status.ReadOutputAs<RunResult>() ?? throw new Xunit.Sdk.XunitException($"Run {runId} ended {status.RuntimeStatus} without a result: {status.Failure?.ErrorMessage}");
    }

    public Task<LocalInstanceStatus> AdvanceToPhaseAsync(string runId, RunPhase phase, TimeSpan? limit = null) =>
        AdvanceUntilAsync(runId, s => s.ReadCustomStatusAs<RunStatus>()?.Phase == phase, limit);

    public string MonitorId(string runId) => RunEvents.MonitorInstanceId(runId);

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
