using DpoPipeline.Core.Samples;
using DpoPipeline.Emulator;
using DpoPipeline.Local;
using DpoPipeline.Local.Engine;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// A whole pipeline on the real Durable Task engine against the emulator, whose clock runs <see cref="DefaultTimeScale"/>
/// times faster than real time; the run's poll intervals and deadlines shrink alike, so hours of service time pass in
/// seconds while every timer, poll and TTL stays a real durable timer. Every wait is bounded.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public const string BaseModel = "gpt-4.1-mini-2025-04-14";
    public const double DefaultTimeScale = 2000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(90);

    // The clients' own retries of a fault, in milliseconds instead of seconds: a fault that persists reaches the
    // orchestration's retry policy, and then the run's end, within the test's time.
    private static readonly IConfiguration FastClientRetries = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["OpenAI:Retry:MaxRetries"] = "2",
        ["OpenAI:Retry:BaseDelay"] = "00:00:00.020",
        ["OpenAI:Retry:MaxDelay"] = "00:00:00.100",
        ["Arm:Retry:MaxRetries"] = "2",
        ["Arm:Retry:BaseDelay"] = "00:00:00.020",
        ["Arm:Retry:MaxDelay"] = "00:00:00.100",
    }).Build();

    private readonly string _folder;
    private readonly Func<Task<LocalPipeline>> _startPipeline;

    private PipelineHarness(EmulatorHandle emulator, LocalPipeline pipeline, string folder, Func<Task<LocalPipeline>> startPipeline)
    {
        Emulator = emulator;
        Pipeline = pipeline;
        _folder = folder;
        _startPipeline = startPipeline;
    }

    public EmulatorHandle Emulator { get; }

    public LocalPipeline Pipeline { get; private set; }

    public DurableTaskClient Client => Pipeline.Client;

    public string DatasetsFolder => Path.Combine(_folder, "datasets");

    public static async Task<PipelineHarness> StartAsync(
        Action<EmulatorOptions>? emulator = null,
        Action<PipelineOptions>? pipeline = null,
        bool withBaseDeployment = true,
        IRunFiles? files = null,
        EngineBackend? backend = null,
        double timeScale = DefaultTimeScale)
    {
        var emulatorOptions = new EmulatorOptions { TimeScale = timeScale };
        emulator?.Invoke(emulatorOptions);
        var handle = await EmulatorServer.StartAsync(emulatorOptions, TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("dpo-pipeline-test-").FullName;
        Task<LocalPipeline> Start() => LocalPipeline.StartAsync(
            new LocalPipelineOptions
            {
                RunsFolder = Path.Combine(folder, "runs"),
                Files = files,
                Backend = backend ?? EngineBackend.InMemory,
                EmulatorUri = handle.BaseUri,
                Configuration = FastClientRetries,
                ServiceTimeScale = timeScale,
                ConfigurePipeline = options =>
                {
                    options.DefaultBaseModel = BaseModel;
                    options.DeploymentTtlHours = 2;
                    options.EvaluationSampleSize = 8;
                    options.EvaluationBaseDeployment = withBaseDeployment ? LocalPipeline.BaseDeploymentName(BaseModel) : null;
                    options.JudgeDeployment = withBaseDeployment ? LocalPipeline.JudgeDeploymentName : null;
                    pipeline?.Invoke(options);
                },
            },
            TestContext.Current.CancellationToken);

        var harness = new PipelineHarness(handle, await Start(), folder, Start);
        if (withBaseDeployment)
        {
            await harness.Pipeline.CreateEvaluationDeploymentsAsync(BaseModel, TestContext.Current.CancellationToken);
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

    /// <summary>Stops the engine and starts a new one on the same backend: what a host recycle or a crash leaves behind.</summary>
    public async Task RestartEngineAsync()
    {
        await Pipeline.DisposeAsync();
        Pipeline = await _startPipeline();
    }

    /// <summary>Polls the run's status until <paramref name="done"/> holds; fails when the run ends first or the wait runs out.</summary>
    public async Task<RunView> WaitUntilAsync(string runId, Func<RunView, bool> done, TimeSpan? limit = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit ?? DefaultWait);
        RunView? view = null;
        try
        {
            while (true)
            {
                view = await Pipeline.Runs.GetAsync(runId, timeout.Token);
                if (view is not null && done(view))
                {
                    return view;
                }

                if (view is { Outcome: not null } || view?.Failure is not null)
                {
                    throw new Xunit.Sdk.XunitException($"Run {runId} ended {view.Outcome} ({view.Failure}) before the awaited state: {Describe(view)}");
                }

                await Task.Delay(PollInterval, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"Run {runId} did not reach the awaited state within {limit ?? DefaultWait}: {Describe(view)}");
        }
    }

    public async Task<RunResult> RunToEndAsync(string runId, TimeSpan? limit = null)
    {
        var view = await WaitUntilAsync(runId, v => v.Outcome is not null, limit);
        return new RunResult(view.Outcome!.Value, view.Status!);
    }

    public Task<RunView> WaitForPhaseAsync(string runId, RunPhase phase, TimeSpan? limit = null) =>
        WaitUntilAsync(runId, v => v.Status?.Phase == phase, limit);

    public async Task<MonitorStatus?> MonitorStatusAsync(string runId)
    {
        var monitor = await Client.GetInstanceAsync(RunEvents.MonitorInstanceId(runId), getInputsAndOutputs: true, TestContext.Current.CancellationToken);
        return monitor?.SerializedCustomStatus is null ? null : monitor.ReadCustomStatusAs<MonitorStatus>();
    }

    /// <summary>Every orchestration instance the engine knows, runs and monitors alike.</summary>
    public async Task<IReadOnlyList<OrchestrationMetadata>> InstancesAsync()
    {
        var instances = new List<OrchestrationMetadata>();
        await foreach (var instance in Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true })
            .WithCancellation(TestContext.Current.CancellationToken))
        {
            instances.Add(instance);
        }

        return instances;
    }

    public async Task<RunRequest> InputOfAsync(string runId)
    {
        var instance = await Client.GetInstanceAsync(runId, getInputsAndOutputs: true, TestContext.Current.CancellationToken);
        return instance?.ReadInputAs<RunRequest>() ?? throw new Xunit.Sdk.XunitException($"No run {runId}.");
    }

    /// <summary>
    /// What the emulator still holds that costs money: jobs not ended, fine-tune files not deleted, deployments of the
    /// pipeline's runs. A run that has ended must leave none of these.
    /// </summary>
    public IReadOnlyList<string> PaidLeftovers()
    {
        var state = Emulator.State;
        return
        [
            .. state.Jobs.Where(j => j.Status is not ("succeeded" or "failed" or "cancelled")).Select(j => $"job {j.Id} {j.Status}"),
            .. state.Files.Where(f => f.Purpose == "fine-tune" && !f.Deleted).Select(f => $"file {f.Id} {f.Filename}"),
            .. state.Deployments.Where(d => d.Tags.GetValueOrDefault("owner") == Pipeline.Options.Owner).Select(d => $"deployment {d.Name}"),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Describe(RunView? view) =>
        view is null ? "no such run" : $"{view.RuntimeStatus}, phase {view.Status?.Phase}, message '{view.Status?.Message}'";
}
