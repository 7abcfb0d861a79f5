using System.CommandLine;

namespace DpoPipeline.Cli.Runs;

/// <summary>`dpo runs resume RUN`: resumes the run's paused fine-tuning job.</summary>
internal static class RunsResumeCommand
{
    public static Command Create(CliOutput output, RunsApiOptions api) => RunCommandVerb.Create(
        output,
        api,
        "resume",
        "Resume the run's paused fine-tuning job.",
        HttpMethod.Post,
        "resume",
        "Resume requested for the job of run {0}.");
}
