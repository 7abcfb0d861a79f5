using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.Http;
using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Runs;
using DpoPipeline.Workflow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Workflow.Local;

/// <summary>
/// The whole workflow in this process — the same orchestrators, activities and clients as the Functions app — wired to
/// a local service (the emulator) and a folder instead of blob storage. Used by <c>dpo run</c> and the pipeline tests.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private const string LocalSubscription = "00000000-0000-0000-0000-000000000000";

    private readonly ServiceProvider _services;

    private LocalPipeline(ServiceProvider services, LocalOrchestrationHost host, IRunFiles files)
    {
        _services = services;
        Host = host;
        Files = files;
        Client = new LocalDurableTaskClient(host);
        Runs = new RunsService(Client, services.GetRequiredService<ILogger<RunsService>>());
    }

    public LocalOrchestrationHost Host { get; }

    public LocalDurableTaskClient Client { get; }

    public RunsService Runs { get; }

    public IRunFiles Files { get; }

    public IServiceProvider Services => _services;

    public PipelineOptions Options => _services.GetRequiredService<IOptions<PipelineOptions>>().Value;

    public static LocalPipeline Create(LocalPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OpenAI:Endpoint"] = options.ServiceUri.ToString(),
                ["Arm:Endpoint"] = options.ServiceUri.ToString(),
                ["Arm:SubscriptionId"] = LocalSubscription,
                ["Arm:ResourceGroup"] = "local",
                ["Arm:AccountName"] = "local",
            })
            .Build();

        var files = options.Files ?? new LocalRunFiles(options.RunsFolder);
        var loggers = options.Loggers ?? NullLoggerFactory.Instance;
        var services = new ServiceCollection()
            .AddSingleton(loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton(options.Time)
            .AddSingleton<Azure.Core.TokenCredential, LocalEmulatorCredential>()
            .AddSingleton(provider => new AzureClientFactory(
                provider.GetRequiredService<Azure.Core.TokenCredential>(), options.ClientTime, loggers))
            .AddSingleton<IRunFiles>(files)
            .AddDpoWorkflow(configuration);
        if (options.ConfigurePipeline is { } configure)
        {
            services.Configure(configure);
        }

        var provider = services.BuildServiceProvider();
        var host = new LocalOrchestrationHost(WorkflowTasks.CreateRegistry(provider), options.Time, loggers);
        return new LocalPipeline(provider, host, files);
    }

    /// <summary>A run request for a local dataset file, with options resolved as the Functions starters do.</summary>
    /// <exception cref="RunOptionsException">The overrides are not usable.</exception>
    public RunRequest CreateRequest(string datasetPath, RunOverrides? overrides, Guid nonce)
    {
        var path = Path.GetFullPath(datasetPath);
        var options = RunOptionsResolver.Resolve(Options, overrides);
        return new RunRequest(
            RunIds.ForRequest(Path.GetFileName(path), nonce), LocalRunFiles.ToUri(path), _services.GetRequiredService<TimeProvider>().GetUtcNow(), options);
    }

    /// <summary>The name <see cref="CreateBaseDeploymentAsync"/> gives the base model's deployment.</summary>
    public static string BaseDeploymentName(string baseModel) => "base-" + DeploymentNames.ForRun(baseModel)["dpo-".Length..];

    /// <summary>
    /// Creates (or finds) a deployment of the base model, so evaluation has something to compare against. It is not
    /// tagged as the pipeline's, so cleanup leaves it alone.
    /// </summary>
    public async Task<string> CreateBaseDeploymentAsync(string baseModel, CancellationToken cancellationToken)
    {
        var name = BaseDeploymentName(baseModel);
        await _services.GetRequiredService<DeploymentServiceClient>().CreateOrUpdateAsync(
            new DeploymentRequest { RunId = name, Name = name, ModelName = baseModel, Owner = "local", Sku = DeploymentSku.GlobalStandard },
            cancellationToken);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _services.DisposeAsync();
    }
}
