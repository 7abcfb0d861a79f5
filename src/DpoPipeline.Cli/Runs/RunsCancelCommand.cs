using System.CommandLine;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Cli.Runs;

/// <summary>`dpo runs cancel RUN`: cancels the run and its fine-tuning job; the run cleans up what it made.</summary>
internal static class RunsCancelCommand
{
    public static Command Create(CliOutput output, RunsApiOptions api)
    {
        var reason = new Option<string?>("--reason") { Description = "Why, recorded with the run." };
        return RunCommandVerb.Create(
            output,
            api,
            "cancel",
            "Cancel a run and its fine-tuning job; it deletes what it made and ends Cancelled.",
            HttpMethod.Post,
            "cancel",
            "Cancel requested for run {0}; it cleans up and ends Cancelled (dpo runs show {0}).",
            parseResult => new CancelRequest(parseResult.GetValue(reason), RunsVerb.Requester),
            options: reason);
    }
}
