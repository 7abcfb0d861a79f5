using System.CommandLine;
using System.Globalization;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Emulator;
using DpoPipeline.Workflow;
using DpoPipeline.Workflow.Local;
using DpoPipeline.Workflow.Orchestrations;
using DpoPipeline.Workflow.Runs;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>
/// `dpo run FILE|--sample`: the whole pipeline in this process — the Functions app's orchestrations and activities —
/// against the built-in emulator of Azure OpenAI and ARM, on a clock that runs fast, with files in a local folder.
/// Needs no Azure account. Not durable: the run lives as long as the process.
/// </summary>
internal static class RunCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static Command Create(CliOutput output)
    {
        var input = new DatasetInputOptions();
        var epochs = new Option<int?>("--epochs") { Description = "DPO epochs (default: the service chooses)." };
        var beta = new Option<double?>("--beta") { Description = "DPO beta in (0, 2] (default: the service chooses)." };
        var ttl = new Option<double>("--ttl-hours") { Description = "How long the deployment serves (virtual time) before it is deleted.", DefaultValueFactory = _ => 2 };
        var budget = new Option<decimal>("--budget-usd") { Description = "Above this estimate the run would wait for approval.", DefaultValueFactory = _ => 25m };
        var scale = new Option<double>("--time-scale") { Description = "How much faster than real time the local clock runs.", DefaultValueFactory = _ => 1000 };
        var folder = new Option<string>("--out", "-o") { Description = "Folder for run files and the report.", DefaultValueFactory = _ => Path.Combine(".dpo", "runs") };
        var json = new Option<bool>("--json") { Description = "Print the final run status as JSON on stdout." };
        scale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() < 1)
            {
                r.AddError("--time-scale must be at least 1.");
            }
        });

        var command = new Command("run", "Run the whole pipeline locally against the built-in emulator (no Azure account; not durable).");
        input.AddTo(command);
        foreach (var option in new Option[] { epochs, beta, ttl, budget, scale, folder, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(output, async () =>
        {
            if (await input.ResolvePathAsync(parseResult, output, cancellationToken) is not { } path)
            {
                return ExitCodes.UsageOrIoError;
            }

            var map = parseResult.GetValue(input.Map);
            var overrides = new RunOverrides
            {
                BaseModel = parseResult.GetValue(input.BaseModel),
                Format = parseResult.GetValue(input.Format),
                Shape = parseResult.GetValue(input.Shape),
                Mapping = map is { Length: > 0 } ? new Dictionary<string, string>(ColumnMapping.Parse(map).SourcesByTarget) : null,
                Epochs = parseResult.GetValue(epochs),
                Beta = parseResult.GetValue(beta),
                DeploymentTtlHours = parseResult.GetValue(ttl),
                BudgetLimitUsd = parseResult.GetValue(budget),
            };
            var settings = new LocalRunSettings(path, overrides, parseResult.GetValue(scale), parseResult.GetValue(folder)!, parseResult.GetValue(json));
            return await RunAsync(output, settings, cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliOutput output, LocalRunSettings settings, CancellationToken cancellationToken)
    {
        var clock = new ScaledTimeProvider(settings.TimeScale);
        var baseModel = settings.Overrides.BaseModel!;
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TimeProvider = clock }, cancellationToken);
        await using var pipeline = LocalPipeline.Create(new LocalPipelineOptions
        {
            ServiceUri = emulator.BaseUri,
            RunsFolder = settings.Folder,
            Time = clock,
            ConfigurePipeline = o => o.EvaluationBaseDeployment = LocalPipeline.BaseDeploymentName(baseModel),
        });

        output.ErrorConsole.MarkupLine(
            $"[grey]Local run against the built-in emulator at {emulator.BaseUri} (clock ×{settings.TimeScale:0}); not durable: it ends with this process.[/]");
        await pipeline.CreateBaseDeploymentAsync(baseModel, cancellationToken);
        var request = pipeline.CreateRequest(settings.DatasetPath, settings.Overrides, Guid.NewGuid());
        await pipeline.Runs.StartAsync(request, cancellationToken);

        var result = await FollowAsync(output, pipeline, request.RunId, clock, cancellationToken);
        if (settings.Json)
        {
            await output.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(result, DurableJson.Options));
        }
        else
        {
            Summarize(output.Console, result, settings.Folder);
        }

        return result.Outcome == RunOutcome.Completed ? ExitCodes.Success : ExitCodes.Invalid;
    }

    /// <summary>Prints each phase as the run enters it, until the run ends.</summary>
    private static async Task<RunResult> FollowAsync(
        CliOutput output, LocalPipeline pipeline, string runId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var start = clock.GetUtcNow();
        var shown = 0;
        while (true)
        {
            var status = pipeline.Host.GetStatus(runId);
            var run = status?.ReadCustomStatusAs<RunStatus>();
            for (; run is not null && shown < run.Timeline.Count; shown++)
            {
                var entry = run.Timeline[shown];
                var elapsed = new DateTimeOffset(entry.At, TimeSpan.Zero) - start;
                var detail = shown == run.Timeline.Count - 1 ? run.Message : null;
                output.ErrorConsole.MarkupLine(
                    $"[grey]+{(int)elapsed.TotalHours:00}:{elapsed.Minutes:00}:{elapsed.Seconds:00} (virtual)[/] [bold]{entry.Phase}[/] {Markup.Escape(detail ?? string.Empty)}");
            }

            if (status is { IsTerminal: true })
            {
                return status.ReadOutputAs<RunResult>()
                    ?? throw new InvalidOperationException($"The run ended {status.RuntimeStatus}: {status.Failure?.ErrorMessage}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static void Summarize(IAnsiConsole console, RunResult result, string folder)
    {
        var s = result.Status;
        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded);
        void Row(string name, object? value)
        {
            if (value is not null)
            {
                table.AddRow(Markup.Escape(name), Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
            }
        }

        Row("Outcome", result.Outcome);
        Row("Examples (train / validation)", s.TrainingExamples is null ? null : $"{s.TrainingExamples} / {s.ValidationExamples}");
        Row("Estimated cost (USD)", s.EstimatedCostUsd?.ToString("0.00", CultureInfo.InvariantCulture));
        Row("Job", s.JobId is null ? null : $"{s.JobId} ({s.JobStatus})");
        Row("Fine-tuned model", s.FineTunedModel);
        Row("Final train / validation loss", s.LatestMetrics is { } m ? $"{m.TrainLoss:0.###} / {m.ValidationLoss:0.###}" : null);
        Row("Deployment", s.Deployment);
        Row("Win rate vs base", s.Evaluation?.WinRate is { } w
            ? $"{w:P0} (95% CI {s.Evaluation.WinRateLow:P0}–{s.Evaluation.WinRateHigh:P0}, {s.Evaluation.Pairs} pairs)" : s.Evaluation?.Note);
        Row("Validation report", s.ValidationReportUri?.LocalPath);
        Row("Report", s.ReportUri?.LocalPath);
        Row("Run files", Path.GetFullPath(Path.Combine(folder, s.RunId)));
        foreach (var error in s.Errors)
        {
            Row($"Error {error.Code}", $"{error.Message}{(error.Source is null ? "" : $" ({error.Source})")}");
        }

        console.Write(table);
    }

    private sealed record LocalRunSettings(string DatasetPath, RunOverrides Overrides, double TimeScale, string Folder, bool Json);
}
