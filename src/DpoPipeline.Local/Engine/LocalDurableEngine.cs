using System.Net;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DpoPipeline.Local.Engine;

/// <summary>
/// The real Durable Task engine in this process, as the Functions app has it in Azure minus the host: the public gRPC
/// sidecar of Microsoft.DurableTask.InProcessTestHost (TaskHubGrpcServer, which runs the DurableTask.Core dispatchers)
/// over a backend, on Kestrel at a free loopback port, and the Microsoft.DurableTask gRPC worker and client connected to
/// it. Two hosts, because the worker needs the sidecar's address, known only once Kestrel listens.
/// </summary>
public sealed class LocalDurableEngine : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;
    private readonly WorkItemGuardOrchestrationService _guard;

    private LocalDurableEngine(WebApplication sidecar, IHost worker, GrpcChannel channel, WorkItemGuardOrchestrationService guard, EngineBackend backend)
    {
        _sidecar = sidecar;
        _worker = worker;
        _channel = channel;
        _guard = guard;
        Backend = backend;
    }

    public EngineBackend Backend { get; }

    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The worker's services: what activities are resolved from.</summary>
    public IServiceProvider Services => _worker.Services;

    public static async Task<LocalDurableEngine> StartAsync(LocalEngineOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loggers = options.Loggers ?? NullLoggerFactory.Instance;
        var backend = await options.Backend.CreateAsync(loggers, cancellationToken);
        var guard = new WorkItemGuardOrchestrationService(backend.Service, backend.RenewActivityLocksEvery);
        var sidecar = BuildSidecar(guard, backend.Client, loggers);
        await sidecar.StartAsync(cancellationToken);

        var channel = GrpcChannel.ForAddress(ListeningAddress(sidecar));
        var worker = BuildWorker(options, channel, loggers);
        try
        {
            await worker.StartAsync(cancellationToken);
        }
        catch
        {
            worker.Dispose();
            channel.Dispose();
            await sidecar.DisposeAsync();
            await guard.StopAsync(isForced: true);
            throw;
        }

        return new LocalDurableEngine(sidecar, worker, channel, guard, options.Backend);
    }

    /// <summary>
    /// Lets the work in flight finish while the worker still runs, then stops the worker, the sidecar and the backend.
    /// (The sidecar would stop its dispatchers and backend only from a fire-and-forget callback, after the worker is
    /// gone, leaving the backend holding its lease and messages.) Work cut off anyway is redone on the next start.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _guard.QuiesceAsync(ShutdownTimeout);
        using (var timeout = new CancellationTokenSource(ShutdownTimeout))
        {
            await _worker.StopAsync(timeout.Token);
        }

        _worker.Dispose();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
        await _guard.StopAsync(isForced: false);
    }

    private static WebApplication BuildSidecar(IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggers)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(LocalDurableEngine).Assembly.GetName().Name });
        builder.Logging.ClearProviders().AddProvider(new LoggerFactoryProvider(loggers)).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.Configure<HostOptions>(StopQuickly);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        return app;
    }

    private static IHost BuildWorker(LocalEngineOptions options, GrpcChannel channel, ILoggerFactory loggers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(new LoggerFactoryProvider(loggers))
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddFilter("System", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(StopQuickly);
        options.ConfigureServices?.Invoke(builder.Services);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(options.Tasks);
            worker.UseGrpc(grpc =>
            {
                grpc.Channel = channel;

                // The worker reconnects after 120 s without a work item unless the backend sends health pings, which
                // the sidecar does not; a run waiting on a long poll interval is quiet for longer, and a work item
                // sent while the stream is being replaced would be lost.
                grpc.SetSilentDisconnectTimeout(TimeSpan.Zero);
            });
            if (options.DataConverter is { } converter)
            {
                worker.Configure(o => o.DataConverter = converter);
            }
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
            if (options.DataConverter is { } converter)
            {
                client.Configure(o => o.DataConverter = converter);
            }
        });
        return builder.Build();
    }

    // Without this, stopping waits out the shutdown timeout on the worker's open work-item stream.
    private static void StopQuickly(HostOptions host)
    {
        host.ServicesStopConcurrently = true;
        host.ShutdownTimeout = ShutdownTimeout;
    }

    private static string ListeningAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
}
