using System.CommandLine;

namespace DpoPipeline.Cli.Runs;

/// <summary>`dpo runs delete-deployment RUN`: deletes a serving run's deployment now instead of at its TTL.</summary>
internal static class RunsDeleteDeploymentCommand
{
    public static Command Create(CliOutput output, RunsApiOptions api) => RunCommandVerb.Create(
        output,
        api,
        "delete-deployment",
        "Delete the run's deployment now instead of at its TTL (while it serves); the run then completes.",
        HttpMethod.Delete,
        "deployment",
        "Deletion of the deployment of run {0} requested; the run then completes.");
}
