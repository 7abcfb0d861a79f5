using System.CommandLine;

namespace DpoPipeline.Cli.Runs;

/// <summary>`dpo runs pause RUN`: pauses the run's fine-tuning job while it trains.</summary>
internal static class RunsPauseCommand
{
    public static Command Create(CliOutput output, RunsApiOptions api) => RunCommandVerb.Create(
        output,
        api,
        "pause",
        "Pause the run's fine-tuning job (while it trains).",
        HttpMethod.Post,
        "pause",
        "Pause requested for the job of run {0}; dpo runs resume {0} continues it.");
}
