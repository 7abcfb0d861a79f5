using Azure.Core;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Local.Engine;
using DpoPipeline.Workflow;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Local;

/// <summary>
/// The whole workflow in this process — the Functions app's orchestrators, activities and clients, on the real Durable
/// Task engine — wired to a folder instead of blob storage, and to the emulator or to Azure. Used by <c>dpo run</c>
/// and the pipeline tests.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    // The emulator ignores the ARM scope; these only make the clients' settings complete.
    private const string EmulatorSubscription = "00000000-0000-0000-0000-000000000000";

    private readonly LocalDurableEngine _engine;

    private LocalPipeline(LocalDurableEngine engine)
    {
        _engine = engine;
        Runs = new RunsService(Client, Services.GetRequiredService<ILogger<RunsService>>());
    }

    public DurableTaskClient Client => _engine.Client;

    public IServiceProvider Services => _engine.Services;

    public RunsService Runs { get; }

    public IRunFiles Files => Services.GetRequiredService<IRunFiles>();

    public PipelineOptions Options => Services.GetRequiredService<IOptions<PipelineOptions>>().Value;

    public EngineBackend Backend => _engine.Backend;

    public static async Task<LocalPipeline> StartAsync(LocalPipelineOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = Settings(options);
        var loggers = options.Loggers ?? NullLoggerFactory.Instance;
        var engine = await LocalDurableEngine.StartAsync(
            new LocalEngineOptions
            {
                Backend = options.Backend,
                Tasks = WorkflowTasks.Register,
                DataConverter = new JsonDataConverter(DurableJson.Options),
                Loggers = loggers,
                ConfigureServices = services =>
                {
                    services.AddSingleton(loggers);
                    services.AddSingleton<IConfiguration>(configuration);
                    if (options.EmulatorUri is not null)
                    {
                        services.AddSingleton<TokenCredential, LocalEmulatorCredential>();
                    }

                    services.AddSingleton<IRunFiles>(options.Files ?? new LocalRunFiles(options.RunsFolder));
                    services.AddDpoWorkflow(configuration);
                    services.Configure<PipelineOptions>(pipeline => pipeline.ServiceTimeScale = options.ServiceTimeScale);
                    if (options.ConfigurePipeline is { } configure)
                    {
                        services.Configure(configure);
                    }
                },
            },
            cancellationToken);
        return new LocalPipeline(engine);
    }

    /// <summary>A run request for a local dataset file, with options resolved as the Functions starters do.</summary>
    /// <exception cref="RunOptionsException">The overrides are not usable.</exception>
    public RunRequest CreateRequest(string datasetPath, RunOverrides? overrides, Guid nonce)
    {
        var path = Path.GetFullPath(datasetPath);
        var options = RunOptionsResolver.Resolve(Options, overrides);
        // Pinned to the file as it is now, when it exists; a missing file fails the run's first step with a clear error.
        var version = File.Exists(path) ? LocalRunFiles.VersionOf(path) : null;
        return new RunRequest(
            RunIds.ForRequest(Path.GetFileName(path), nonce), LocalRunFiles.ToUri(path), Services.GetRequiredService<TimeProvider>().GetUtcNow(), options, version);
    }

    /// <summary>The model the emulator's judge deployment runs (any deployment asked the rubric prompt judges there).</summary>
    public const string JudgeModel = "gpt-4.1-2025-04-14";

    /// <summary>The name <see cref="CreateEvaluationDeploymentsAsync"/> gives the base model's deployment.</summary>
    public static string BaseDeploymentName(string baseModel) => "base-" + DeploymentNames.ForRun(baseModel)["dpo-".Length..];

    /// <summary>The name <see cref="CreateEvaluationDeploymentsAsync"/> gives the judge's deployment.</summary>
    public static string JudgeDeploymentName { get; } = "judge-" + DeploymentNames.ForRun(JudgeModel)["dpo-".Length..];

    /// <summary>
    /// Creates (or finds) what evaluation uses on an emulator: a deployment that judges and, given a base model, one
    /// of the base model to compare against (without it each run deploys its own). Neither is tagged as the
    /// pipeline's, so cleanup leaves them alone.
    /// </summary>
    public async Task CreateEvaluationDeploymentsAsync(string? baseModel, CancellationToken cancellationToken)
    {
        var deployments = Services.GetRequiredService<DeploymentServiceClient>();
        var wanted = baseModel is null ? [(JudgeDeploymentName, JudgeModel)] : new[] { (JudgeDeploymentName, JudgeModel), (BaseDeploymentName(baseModel), baseModel) };
        foreach (var (name, model) in wanted)
        {
            await deployments.CreateOrUpdateAsync(
                new DeploymentRequest { RunId = name, Name = name, ModelName = model, Owner = "local", Sku = DeploymentSku.GlobalStandard },
                cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    private static IConfiguration Settings(LocalPipelineOptions options)
    {
        var builder = new ConfigurationBuilder();
        if (options.Configuration is { } configured)
        {
            builder.AddConfiguration(configured);
        }

        if (options.EmulatorUri is { } emulator)
        {
            builder.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OpenAI:Endpoint"] = emulator.ToString(),
                ["Arm:Endpoint"] = emulator.ToString(),
                ["Arm:SubscriptionId"] = EmulatorSubscription,
                ["Arm:ResourceGroup"] = "local",
                ["Arm:AccountName"] = "local",
            });
        }

        return builder.Build();
    }
}
