using System.CommandLine;
using System.Text;
using DpoPipeline.Core.Reports;
using DpoPipeline.Workflow.Api;

namespace DpoPipeline.Cli.Runs;

/// <summary>`dpo runs show RUN`: one run's phase, job, metrics, deployment, evaluation, report link and errors.</summary>
internal static class RunsShowCommand
{
    public static Command Create(CliOutput output, RunsApiOptions api)
    {
        var run = RunsVerb.RunId();
        var json = new Option<bool>("--json") { Description = "Print the API's answer ({\"run\", \"links\"}) as JSON on stdout." };
        var command = new Command("show", "Show one run: phase, job and its latest metrics, deployment, evaluation, report link, errors.");
        command.Arguments.Add(run);
        command.Options.Add(json);
        RunsVerb.SetAction(command, output, api, async (parseResult, client, cancellationToken) =>
        {
            var path = RunsVerb.RunPath(parseResult.GetValue(run)!);
            if (parseResult.GetValue(json))
            {
                await output.Out.WriteLineAsync(Encoding.UTF8.GetString(await client.GetAsync(path, cancellationToken)));
                return ExitCodes.Success;
            }

            var answer = await client.GetJsonAsync<RunAnswer>(path, cancellationToken);
            output.Console.Write(Table(answer.Run).Table);
            if (answer.Run.Status is { } status)
            {
                RunStatusFacts.WriteCaveats(output.Console, status);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static FactTable Table(RunView view)
    {
        var table = new FactTable()
            .Row("Run", view.RunId)
            .Row("Status", view.RuntimeStatus)
            .Row("Phase", view.Status is { } s ? $"{s.Phase}{(s.Message is null ? string.Empty : $": {s.Message}")}" : "not started")
            .Row("Outcome", view.Outcome)
            .Row("Created", ReportFormat.Timestamp(view.CreatedAt))
            .Row("Updated", ReportFormat.Timestamp(view.LastUpdatedAt))
            .Row("Job now", view.Job is { } job
                ? $"{job.JobId} ({job.JobStatus}){(job.LatestMetrics is { } m ? $", step {m.Step}, train loss {m.TrainLoss:0.###}" : string.Empty)}"
                : null);
        if (view.Status is { } status)
        {
            table.AddResults(status, uri => uri.ToString())
                .Row("Deployment expires", view.Outcome is null && status.DeploymentExpiresAt is { } at ? ReportFormat.Timestamp(new DateTimeOffset(at, TimeSpan.Zero)) : null);
        }

        table.Row("Failure", view.Failure);
        return view.Status is null ? table : table.AddErrors(view.Status);
    }
}
