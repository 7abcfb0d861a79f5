using System.Net;
using DpoPipeline.Emulator.Chat;
using DpoPipeline.Emulator.Endpoints;
using DpoPipeline.Emulator.Faults;
using DpoPipeline.Emulator.Http;
using DpoPipeline.Emulator.Security;
using DpoPipeline.Emulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace DpoPipeline.Emulator;

/// <summary>Starts the emulator in-process (tests, <c>dpo run</c>) or builds it for <c>dotnet run</c>.</summary>
public static class EmulatorServer
{
    /// <summary>Command-line shortcuts for the <c>Emulator</c> configuration section.</summary>
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--port"] = "Emulator:Port",
        ["--time-scale"] = "Emulator:TimeScale",
        ["--persist"] = "Emulator:PersistenceFolder",
    };

    /// <summary>Starts Kestrel on 127.0.0.1 (port from options, 0 = free) and returns once it listens.</summary>
    public static async Task<EmulatorHandle> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = Build(options, [], quiet: true);
        await app.StartAsync(cancellationToken);
        return new EmulatorHandle(app, ListeningUri(app), app.Services.GetRequiredService<EmulatorState>());
    }

    /// <summary>
    /// Builds the emulator for <c>dotnet run</c>: options come from the <c>Emulator</c> configuration section
    /// (appsettings.json, <c>Emulator__TimeScale</c> environment variables, <c>--Emulator:TimeScale=60</c>) and the
    /// shortcuts <c>--port</c>, <c>--time-scale</c>, <c>--persist</c>.
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args, SwitchMappings)
            .Build();
        var options = new EmulatorOptions();
        configuration.GetSection("Emulator").Bind(options);
        return Build(options, args, quiet: false);
    }

    /// <summary>The address the server listens on, once started.</summary>
    public static Uri ListeningUri(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private static WebApplication Build(EmulatorOptions options, string[] args, bool quiet)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name });
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (quiet)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = FileEndpoints.MaxFileBytes + (1024 * 1024);
        });
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = FileEndpoints.MaxFileBytes + (1024 * 1024));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<EmulatorCounters>();
        builder.Services.AddSingleton(sp => new EmulatorStore(
            sp.GetRequiredService<EmulatorCounters>(),
            options.PersistenceFolder is { Length: > 0 } folder ? new StatePersistence(folder) : null));
        builder.Services.AddSingleton<EmulatorRuntime>();
        builder.Services.AddSingleton(sp => new EmulatorState(sp.GetRequiredService<EmulatorRuntime>()));
        builder.Services.AddSingleton<PreferencePairIndex>();
        builder.Services.AddSingleton<EmulatedChat>();

        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<EmulatorCounters>().RequestReceived();
            return next(context);
        });
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<CredentialRequirementMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();

        var v1 = app.MapGroup(Routes.OpenAIV1);
        FileEndpoints.Map(v1);
        JobEndpoints.Map(v1);
        ChatCompletionEndpoints.MapV1(v1);
        ModelEndpoints.Map(v1);
        var classic = app.MapGroup(Routes.OpenAI);
        FileEndpoints.Map(classic);
        JobEndpoints.Map(classic);
        ChatCompletionEndpoints.MapClassic(classic);
        ModelEndpoints.Map(classic);
        DeploymentEndpoints.Map(app);
        app.MapFallback(() => AzureError.Result(StatusCodes.Status404NotFound, "404", "Resource not found"));
        return app;
    }
}
