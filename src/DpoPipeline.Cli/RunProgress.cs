using DpoPipeline.Workflow.Api;
using DpoPipeline.Workflow.Runs;
using Spectre.Console;

namespace DpoPipeline.Cli;

/// <summary>Prints each phase of a run on stderr as the run enters it, until the run ends.</summary>
internal sealed class RunProgress(CliOutput output, RunsService runs)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<RunResult> FollowAsync(string runId, CancellationToken cancellationToken)
    {
        var shown = 0;
        while (true)
        {
            var view = await runs.GetAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"Run {runId} does not exist.");
            var timeline = view.Status?.Timeline ?? [];
            for (; shown < timeline.Count; shown++)
            {
                var entry = timeline[shown];
                var elapsed = new DateTimeOffset(entry.At, TimeSpan.Zero) - view.CreatedAt;
                var detail = shown == timeline.Count - 1 ? view.Status?.Message : null;
                var job = entry.Phase == RunPhase.Training && view.Status?.JobId is { } jobId ? $"job {jobId}: " : string.Empty;
                output.ErrorConsole.MarkupLine(
                    $"[grey]+{(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00}[/] [bold]{entry.Phase}[/] {Markup.Escape(job + (detail ?? string.Empty))}");
            }

            if (view.Outcome is { } outcome && view.Status is { } status)
            {
                return new RunResult(outcome, status);
            }

            if (view.Failure is not null || view.RuntimeStatus is "Failed" or "Terminated")
            {
                throw new InvalidOperationException($"Run {runId} ended {view.RuntimeStatus}: {view.Failure}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
