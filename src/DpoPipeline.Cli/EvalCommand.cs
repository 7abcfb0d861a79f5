using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using DpoPipeline.Core.Costs;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using DpoPipeline.Core.Reports;
using DpoPipeline.Local;
using DpoPipeline.Workflow;
using DpoPipeline.Workflow.Runs;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>
/// `dpo eval`: compares a candidate deployment with a base deployment on held-out preference pairs — a finished run's
/// (--run) or any preference file — by the lexical proxy and, with --judge, by a calibrated LLM judge; writes
/// evaluation.json and a report, and says where every number came from.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliOutput output)
    {
        var input = new DatasetInputOptions();
        var run = new Option<string?>("--run") { Description = "A finished run's folder (e.g. .dpo/runs/<runId>): its held-out pairs, deployment and models." };
        var candidate = new Option<string?>("--candidate") { Description = "The deployment to evaluate (default with --run: the run's deployment)." };
        var baseline = new Option<string>("--base") { Description = "The deployment to compare against, e.g. one of the base model.", Required = true };
        var judge = new Option<string?>("--judge") { Description = "A deployment that judges pairwise, calibrated on the pairs' own labels first; without it, the lexical proxy only." };
        var endpoint = EndpointOption.Create("The Azure OpenAI endpoint (default: OpenAI__Endpoint); a loopback URL is an emulator.");
        var sampleSize = new Option<int>("--sample-size") { Description = "Held-out pairs asked of both deployments (evenly spread over the file).", DefaultValueFactory = _ => 50 };
        var seed = new Option<long?>("--seed") { Description = "Sent with every request so the evaluation can be repeated (default: derived from the data)." };
        var folder = new Option<string?>("--out", "-o") { Description = "Where to write evaluation.json and the report (default: a new folder beside the run, or here)." };
        var json = new Option<bool>("--json") { Description = "Print the evaluation's summary as JSON on stdout." };
        sampleSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--sample-size must be at least 1.");
            }
        });

        var command = new Command("eval", "Compare a deployment with a base deployment on held-out preference pairs (a run's, or any file), with provenance.");
        input.AddTo(command, run);
        foreach (var option in new Option[] { run, candidate, baseline, judge, endpoint, sampleSize, seed, folder, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(output, async () =>
        {
            var service = parseResult.GetValue(endpoint) ?? ConfiguredEndpoint();
            if (service is null)
            {
                output.WriteError("Give --endpoint or set OpenAI__Endpoint: the service the deployments are on.");
                return ExitCodes.UsageOrIoError;
            }

            var (subject, exitCode) = await EvaluationSubject.ResolveAsync(parseResult, input, run, candidate, output, cancellationToken);
            if (subject is null)
            {
                return exitCode;
            }

            var settings = new EvaluationSettings(
                service, parseResult.GetValue(baseline)!, parseResult.GetValue(judge), parseResult.GetValue(sampleSize), parseResult.GetValue(seed));
            var target = parseResult.GetValue(folder) ?? subject.DefaultOutputFolder;
            return await EvaluateAsync(output, subject, settings, target, parseResult.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> EvaluateAsync(
        CliOutput output, EvaluationSubject subject, EvaluationSettings settings, string target, bool json, CancellationToken cancellationToken)
    {
        var clientOptions = new FineTuningClientOptions { Endpoint = settings.Endpoint, ApiKey = Environment.GetEnvironmentVariable("OpenAI__ApiKey") };
        TokenCredential credential = settings.Endpoint.IsLoopback ? new LocalEmulatorCredential() : new DefaultAzureCredential();
        var clients = new AzureClientFactory(credential, TimeProvider.System, NullLoggerFactory.Instance);
        IChatAnswerSource Chat(string deployment) => new ChatClientAnswerSource(clients.CreateChatClient(clientOptions, deployment));

        var options = new EvaluationOptions
        {
            Seed = settings.Seed ?? subject.Seed,
            Service = EvaluationService.FromEndpoint(settings.Endpoint),
            Models = subject.FineTunedModel is { } fineTuned ? new EvaluationModels(subject.BaseModel, fineTuned) : null,
        };
        var pairs = EvaluationSample.Select(subject.Pairs, settings.SampleSize);
        var result = await new PairwiseEvaluator(
                Chat(settings.BaseDeployment), Chat(subject.Candidate), settings.JudgeDeployment is { } judge ? Chat(judge) : null,
                options, TimeProvider.System, NullLogger<PairwiseEvaluator>.Instance)
            .EvaluateAsync(pairs, cancellationToken);

        Directory.CreateDirectory(target);
        var resultPath = Path.Combine(target, "evaluation.json");
        await File.WriteAllBytesAsync(resultPath, JsonSerializer.SerializeToUtf8Bytes(result, RunReportJson.Options), cancellationToken);
        var report = await new RunReportRenderer().RenderAsync(
            new RunReportData
            {
                RunId = subject.Label,
                DatasetName = subject.DatasetName,
                BaseModel = subject.BaseModel,
                FineTunedModel = subject.FineTunedModel,
                Deployment = subject.Candidate,
                Outcome = "Evaluated",
                Service = options.Service,
                GeneratedAt = TimeProvider.System.GetUtcNow(),
                Evaluation = result,
            },
            new FolderReportSink(target),
            cancellationToken);

        var summary = EvaluationSummary.Of(result, new Uri(resultPath), "evaluation.json");
        if (json)
        {
            await output.Out.WriteLineAsync(JsonSerializer.Serialize(summary, DurableJson.Options));
        }
        else
        {
            Summarize(output.Console, summary, report.Html.Location.LocalPath);
        }

        return ExitCodes.Success;
    }

    private static void Summarize(IAnsiConsole console, EvaluationSummary summary, string reportPath)
    {
        if (summary.Emulated)
        {
            console.Write(new FigletText(EmulationNotice.Title).Color(Color.Red));
        }

        var table = new Table().AddColumns("", "").HideHeaders().Border(TableBorder.Rounded);
        foreach (var (name, value) in EvaluationView.Rows(summary).Append(("Report", reportPath)))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        console.Write(table);
        foreach (var caveat in summary.Caveats)
        {
            console.MarkupLine($"[yellow]Caveat:[/] {Markup.Escape(caveat)}");
        }
    }

    private static Uri? ConfiguredEndpoint() =>
        Uri.TryCreate(Environment.GetEnvironmentVariable("OpenAI__Endpoint"), UriKind.Absolute, out var uri) ? uri : null;

    private sealed record EvaluationSettings(Uri Endpoint, string BaseDeployment, string? JudgeDeployment, int SampleSize, long? Seed);
}
