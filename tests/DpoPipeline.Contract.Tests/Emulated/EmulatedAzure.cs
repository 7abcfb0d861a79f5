using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using DpoPipeline.Emulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DpoPipeline.Contract.Tests.Emulated;

/// <summary>
/// The emulator on a loopback port plus both clients wired to it the way production wires them (factory, bearer token,
/// retries), sharing one fake clock: <see cref="RunAsync{T}"/> advances it while an operation waits on it.
/// </summary>
internal sealed class EmulatedAzure : IAsyncDisposable
{
    public const string Token = "emulated-bearer-token-6f1d2c";
    public const string Subscription = "00000000-0000-0000-0000-0000000000aa";
    public const string ResourceGroup = "rg-dpo-tests";
    public const string Account = "aoai-dpo-tests";

    private readonly AzureClientFactory _factory;
    private readonly ILoggerFactory _loggerFactory;

    private EmulatedAzure(EmulatorHandle emulator, FakeTimeProvider time, Action<RetrySettings>? retry, string? apiKey)
    {
        Emulator = emulator;
        Time = time;
        Faults = new FaultHeaderHandler(time);
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Trace));
        _factory = new AzureClientFactory(Credential, time, _loggerFactory, Faults);
        var openAI = new FineTuningClientOptions { Endpoint = emulator.BaseUri, ApiKey = apiKey, Retry = Retry(retry) };
        var arm = new ArmOptions
        {
            Endpoint = emulator.ArmBaseUri, SubscriptionId = Subscription, ResourceGroup = ResourceGroup, AccountName = Account, Retry = Retry(retry),
        };
        FineTuning = _factory.CreateFineTuningClient(openAI);
        Deployments = _factory.CreateDeploymentClient(arm);
    }

    public EmulatorHandle Emulator { get; }

    public FakeTimeProvider Time { get; }

    public FaultHeaderHandler Faults { get; }

    public StaticTokenCredential Credential { get; } = new(Token);

    public FakeLogCollector Logs { get; } = new();

    public FineTuningServiceClient FineTuning { get; }

    public DeploymentServiceClient Deployments { get; }

    public static async Task<EmulatedAzure> StartAsync(
        Action<EmulatorOptions>? configure = null, Action<RetrySettings>? retry = null, string? apiKey = null)
    {
        var time = new WaitingAdvancesClock(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions { TimeProvider = time };
        configure?.Invoke(options);
        var emulator = await EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
        return new EmulatedAzure(emulator, time, retry, apiKey);
    }

    /// <summary>Runs an operation while moving the shared fake clock forward in <paramref name="step"/>s.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, TimeSpan? step = null)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var running = operation(cancellation);
        while (!running.IsCompleted)
        {
            Time.Advance(step ?? TimeSpan.FromSeconds(5));
            await Task.WhenAny(running, Task.Delay(2, cancellation));
        }

        return await running;
    }

    public async ValueTask DisposeAsync()
    {
        _factory.Dispose();
        _loggerFactory.Dispose();
        Faults.Dispose();
        await Emulator.DisposeAsync();
    }

    private static RetrySettings Retry(Action<RetrySettings>? configure)
    {
        var settings = new RetrySettings { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4), NetworkTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(settings);
        return settings;
    }
}
