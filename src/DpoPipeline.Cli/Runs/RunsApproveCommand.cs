using System.CommandLine;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Cli.Runs;

/// <summary>
/// `dpo runs approve RUN [--reject]`: decides a run waiting at the budget gate. The app takes this only with its master
/// key (whoever may start runs may not approve their cost), and records who decided and why.
/// </summary>
internal static class RunsApproveCommand
{
    public static Command Create(CliOutput output, RunsApiOptions api)
    {
        var reject = new Option<bool>("--reject") { Description = "Refuse instead: the run ends Rejected without paying anything." };
        var comment = new Option<string?>("--comment") { Description = "Why, recorded with the decision in the run's status and report." };
        var decidedBy = new Option<string>("--decided-by") { Description = "Who decides, recorded with the decision.", DefaultValueFactory = _ => RunsVerb.Requester };
        return RunCommandVerb.Create(
            output,
            api,
            "approve",
            $"Let a run waiting for approval (its estimate is over the budget) go on, or --reject it. Needs the app's master key ({RunsApiOptions.MasterKeyVariable} or --key).",
            HttpMethod.Post,
            "approve",
            "Decision sent for run {0} (dpo runs show {0}).",
            parseResult => new ApprovalDecision(!parseResult.GetValue(reject), parseResult.GetValue(decidedBy), parseResult.GetValue(comment)),
            master: true,
            reject,
            comment,
            decidedBy);
    }
}
