using System.CommandLine;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Cli.Runs;

/// <summary>`dpo runs approve RUN [--reject]`: decides a run waiting at the budget gate.</summary>
internal static class RunsApproveCommand
{
    public static Command Create(CliOutput output, RunsApiOptions api)
    {
        var reject = new Option<bool>("--reject") { Description = "Refuse instead: the run ends Rejected without paying anything." };
        var reason = new Option<string?>("--reason") { Description = "Why, recorded with the run." };
        return RunCommandVerb.Create(
            output,
            api,
            "approve",
            "Let a run waiting for approval (its estimate is over the budget) go on, or --reject it.",
            HttpMethod.Post,
            "approve",
            "Decision sent for run {0} (dpo runs show {0}).",
            parseResult => new ApprovalDecision(!parseResult.GetValue(reject), RunsVerb.Requester, parseResult.GetValue(reason)),
            reject,
            reason);
    }
}
