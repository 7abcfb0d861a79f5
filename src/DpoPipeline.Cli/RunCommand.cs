using System.CommandLine;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Sweeps;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Cli;

/// <summary>
/// `dpo run FILE|--sample`: the whole pipeline in this process — the Functions app's orchestrations and activities on
/// the real Durable Task engine — against the built-in emulator (no Azure account) or a service at --endpoint.
/// Durable by default: the engine keeps its state in Azurite under --out, so the same command after a crash resumes.
/// </summary>
internal static class RunCommand
{
    private const double EmulatorTimeScale = 1000;

    public static Command Create(CliOutput output)
    {
        var input = new DatasetInputOptions(allowRunIds: true);
        var epochs = new Option<int?>("--epochs") { Description = "DPO epochs (default: the service chooses)." };
        var beta = new Option<double?>("--beta") { Description = "DPO beta in (0, 2] (default: the service chooses)." };
        var sweep = new Option<string[]>("--sweep")
        {
            Description = "Sweep a hyperparameter, e.g. --sweep beta=0.05,0.1,0.2 --sweep lr=0.5,1 (beta, lr, epochs, batchSize): one job per combination, only the best deployed.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        sweep.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string[]>() is not { Length: > 0 } assignments)
            {
                return;
            }

            try
            {
                SweepSpec.ParseAssignments(assignments);
            }
            catch (SweepSpecException e)
            {
                foreach (var problem in e.Problems)
                {
                    r.AddError(problem);
                }
            }
        });
        var ttl = new Option<double>("--ttl-hours") { Description = "How long the deployment serves, in the service's time, before it is deleted.", DefaultValueFactory = _ => 2 };
        var budget = new Option<decimal>("--budget-usd") { Description = "The budget ceiling of this local pipeline (Pipeline__BudgetLimitUsd): above this estimate of training plus hosting the run waits for approval.", DefaultValueFactory = _ => 25m };
        var scale = new Option<double?>("--time-scale") { Description = $"How much faster than real time the service's clock runs (default: {EmulatorTimeScale:0} for the built-in emulator, 1 with --endpoint)." };
        var folder = new Option<string>("--out", "-o") { Description = "Folder for run files, reports and the local engine's state.", DefaultValueFactory = _ => ".dpo" };
        var endpoint = EndpointOption.Create(
            "Run against this service instead of the built-in emulator: an emulator started on its own (loopback URL) or an Azure OpenAI endpoint (Entra ID, Arm__* settings).");
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep the engine's state in memory: no Azurite needed, but the run ends with this process." };
        var fraction = new Option<double?>("--validation-fraction") { Description = "Share of examples held out for validation (at least 10 when the dataset has 20 or more); 0 for none." };
        var fresh = new Option<bool>("--new") { Description = "Start a new run even if one for this dataset is unfinished (that one is cancelled first)." };
        var sftFirst = new Option<bool>("--sft-first") { Description = "Train SFT first (prompt + preferred reply of the same pairs, same split), then DPO from the SFT model; the report compares base, SFT and SFT+DPO." };
        var sftData = new Option<string?>("--sft-data") { Description = "A separate demonstration file (chat \"messages\" JSONL) for the SFT stage; implies --sft-first." };
        var json = new Option<bool>("--json") { Description = "Print the final run status as JSON on stdout." };
        var verbose = new Option<bool>("--verbose") { Description = "Log what the engine and the activities do (stderr); warnings only by default." };
        scale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is < 1)
            {
                r.AddError("--time-scale must be at least 1.");
            }
        });

        var command = new Command("run", "Run the whole pipeline on the real Durable engine in this process, against the built-in emulator (no Azure account) or --endpoint; resumable after a crash.");
        input.AddTo(command);
        foreach (var option in new Option[] { epochs, beta, sweep, fraction, ttl, budget, scale, folder, endpoint, inMemory, fresh, sftFirst, sftData, json, verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(output, async () =>
        {
            var runFolder = new LocalRunFolder(parseResult.GetValue(folder)!);
            if (await input.ResolvePathAsync(parseResult, output, cancellationToken, runFolder.Samples) is not { } path)
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
                ValidationFraction = parseResult.GetValue(fraction),
                DeploymentTtlHours = parseResult.GetValue(ttl),
                Sweep = parseResult.GetValue(sweep) is { Length: > 0 } assignments ? ToOverride(SweepSpec.ParseAssignments(assignments)) : null,
                SftFirst = parseResult.GetValue(sftFirst) ? true : null,
                SftData = parseResult.GetValue(sftData) is { Length: > 0 } demonstrations ? Path.GetFullPath(demonstrations) : null,
            };
            var service = parseResult.GetValue(endpoint);
            var settings = new LocalRunSettings(
                path,
                overrides,
                runFolder,
                service,
                parseResult.GetValue(scale) ?? (service is null ? EmulatorTimeScale : 1),
                parseResult.GetValue(budget),
                parseResult.GetValue(inMemory),
                parseResult.GetValue(fresh),
                parseResult.GetValue(json),
                parseResult.GetValue(verbose));
            return await LocalRun.ExecuteAsync(output, settings, cancellationToken);
        }));
        return command;
    }

    private static Dictionary<string, double[]> ToOverride(SweepSpec spec) =>
        spec.Axes.ToDictionary(a => SweepParameters.ShortName(a.Parameter), a => a.Values.ToArray(), StringComparer.Ordinal);
}
