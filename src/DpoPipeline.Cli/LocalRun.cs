using DpoPipeline.Emulator;
using DpoPipeline.Local;
using DpoPipeline.Local.Azurite;
using DpoPipeline.Local.Engine;
using DpoPipeline.Workflow;
using DpoPipeline.Workflow.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>
/// One `dpo run`: starts what the run needs (Azurite for a durable engine, the built-in emulator unless --endpoint),
/// resumes the dataset's unfinished run or starts one, follows it to its end, and stops everything again.
/// </summary>
internal static class LocalRun
{
    private const string TaskHub = "dpo";

    public static async Task<int> ExecuteAsync(CliOutput output, LocalRunSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(output, settings, cancellationToken);
        }
        catch (LocalToolException e)
        {
            output.WriteError(e.Message);
            return ExitCodes.UsageOrIoError;
        }
        catch (RunOptionsException e)
        {
            foreach (var problem in e.Problems)
            {
                output.WriteError(problem);
            }

            return ExitCodes.UsageOrIoError;
        }
    }

    private static async Task<int> RunAsync(CliOutput output, LocalRunSettings settings, CancellationToken cancellationToken)
    {
        using var loggers = Logging(settings.Verbose);
        var durable = !settings.InMemory;
        await using var azurite = durable ? await AzuriteServer.StartAsync(settings.Folder.Azurite, cancellationToken) : null;
        await using var emulator = settings.Endpoint is null ? await StartEmulatorAsync(settings, durable, cancellationToken) : null;
        var emulatorUri = emulator?.BaseUri ?? (settings.Endpoint is { IsLoopback: true } loopback ? loopback : null);
        await using var pipeline = await LocalPipeline.StartAsync(
            new LocalPipelineOptions
            {
                RunsFolder = settings.Folder.Runs,
                Backend = azurite is null ? EngineBackend.InMemory : new AzureStorageBackend(azurite.ConnectionString, TaskHub),
                EmulatorUri = emulatorUri,
                ServiceTimeScale = settings.TimeScale,
                Configuration = Configuration(settings.Endpoint, emulatorUri),
                Loggers = loggers,
                ConfigurePipeline = o =>
                {
                    o.BudgetLimitUsd = settings.BudgetUsd;
                    // The run deploys the base model itself to compare against, as it does on Azure; an emulator also judges.
                    if (emulatorUri is not null)
                    {
                        o.JudgeDeployment = LocalPipeline.JudgeDeploymentName;
                    }
                },
            },
            cancellationToken);

        var service = emulator is not null ? $"built-in emulator (clock ×{settings.TimeScale:0.##})"
            : emulatorUri is not null ? $"emulator at {emulatorUri} (clock ×{settings.TimeScale:0.##})"
            : $"Azure at {settings.Endpoint}";
        output.ErrorConsole.MarkupLine(Markup.Escape(
            $"Local engine: {pipeline.Backend.Describe()}{(durable ? $", state in {Path.GetFullPath(settings.Folder.Root)}" : string.Empty)}; service: {service}."));

        if (emulatorUri is not null)
        {
            await pipeline.CreateEvaluationDeploymentsAsync(baseModel: null, cancellationToken);
        }

        var runId = await ResumeOrStartAsync(output, pipeline, settings, cancellationToken);
        RunResult result;
        try
        {
            result = await new RunProgress(output, pipeline.Runs).FollowAsync(runId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.ErrorConsole.MarkupLine(Markup.Escape(durable
                ? $"Stopped following run {runId}. It is durable: the same command resumes it (--new starts afresh)."
                : $"Stopped; run {runId} was in memory and ends with this process."));
            return ExitCodes.Interrupted;
        }

        var report = new LocalRunOutput(result.Outcome, result.Status, service, Emulated: emulatorUri is not null);
        if (settings.Json)
        {
            await output.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(report, DurableJson.Options));
        }
        else
        {
            RunSummary.Write(output.Console, report, settings.Folder.Runs);
        }

        return result.Outcome == RunOutcome.Completed ? ExitCodes.Success : ExitCodes.Invalid;
    }

    /// <summary>
    /// Logs on stderr. By default only this pipeline's own warnings: the engine's internals (sidecar, gRPC, Kestrel,
    /// DurableTask) report what a run's status already says, with stack traces; --verbose shows everything.
    /// </summary>
    private static ILoggerFactory Logging(bool verbose) => LoggerFactory.Create(logging =>
    {
        logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = verbose ? "HH:mm:ss.fff " : null; })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (verbose)
        {
            logging.SetMinimumLevel(LogLevel.Information);
            return;
        }

        logging.SetMinimumLevel(LogLevel.None).AddFilter("DpoPipeline", LogLevel.Warning);
    });

    /// <summary>
    /// The built-in emulator. Its trained models prefer the chosen reply 80 % of the time against the base model's 50 %
    /// and answer a quarter longer (DPO's known drift): the ground truth the evaluation's figures should recover.
    /// </summary>
    private static Task<EmulatorHandle> StartEmulatorAsync(LocalRunSettings settings, bool durable, CancellationToken cancellationToken)
    {
        var options = new EmulatorOptions { TimeScale = settings.TimeScale, PersistenceFolder = durable ? settings.Folder.Emulator : null };
        options.Models.Dpo.LengthDrift = 1.25;
        options.Models.SftDpo.LengthDrift = 1.25;
        return EmulatorServer.StartAsync(options, cancellationToken);
    }

    /// <summary>Resumes the dataset's unfinished run, unless --new asks for a fresh one (then that one is cancelled first).</summary>
    private static async Task<string> ResumeOrStartAsync(CliOutput output, LocalPipeline pipeline, LocalRunSettings settings, CancellationToken cancellationToken)
    {
        var request = pipeline.CreateRequest(settings.DatasetPath, settings.Overrides, Guid.NewGuid());
        var unfinished = await pipeline.Runs.FindUnfinishedAsync(request.DatasetUri, cancellationToken);
        if (unfinished.Count > 0 && !settings.New)
        {
            output.ErrorConsole.MarkupLine(Markup.Escape($"Resuming run {unfinished[^1]} (started earlier on this dataset; --new starts afresh)."));
            return unfinished[^1];
        }

        foreach (var runId in unfinished)
        {
            output.ErrorConsole.MarkupLine(Markup.Escape($"Cancelling unfinished run {runId} first (--new); it cleans up what it made."));
            await pipeline.Runs.CancelAsync(runId, new CancelRequest("superseded by dpo run --new", "dpo run"), cancellationToken);
            await pipeline.Client.WaitForInstanceCompletionAsync(runId, cancellationToken);
        }

        await pipeline.Runs.StartAsync(request, cancellationToken);
        output.ErrorConsole.MarkupLine(Markup.Escape($"Started run {request.RunId}."));
        return request.RunId;
    }

    /// <summary>Settings from the environment (<c>Pipeline__*</c>, <c>OpenAI__*</c>, <c>Arm__*</c>); an Azure --endpoint names the OpenAI account.</summary>
    private static IConfiguration Configuration(Uri? endpoint, Uri? emulatorUri)
    {
        var builder = new ConfigurationBuilder().AddEnvironmentVariables();
        if (endpoint is not null && emulatorUri is null)
        {
            builder.AddInMemoryCollection(new Dictionary<string, string?> { ["OpenAI:Endpoint"] = endpoint.ToString() });
        }

        return builder.Build();
    }
}
