using DpoPipeline.Emulator.Faults;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// Many runs on the real engine against emulators that fail at random — for good on the steps that move a run
/// forward, for a while on any request, the cleanup's included — with cancels at random moments. Whatever happens, no
/// run leaves a job training, a file or a deployment behind, and every run's status says how it ended and why.
/// </summary>
public sealed class FaultCampaignTests
{
    private const int Seed = 20261206;
    private const int Rounds = 8;
    private const int RunsPerRound = 3;

    // Steps that move a run forward, failed for good. Never the cleanup's own requests (list, cancel, delete): a service
    // that refuses those forever would keep anything, and no pipeline could help it.
    private static readonly FaultRule[] Permanent =
    [
        new() { Fault = "400", Method = "POST", PathEndsWith = "/files" },
        new() { Fault = "403", Method = "GET", PathContains = "/files/file-" },
        new() { Fault = "400", Method = "POST", PathEndsWith = "/fine_tuning/jobs" },
        new() { Fault = "500", Method = "GET", PathContains = "/fine_tuning/jobs/ftjob-" },
        new() { Fault = "404", Method = "GET", PathContains = "/fine_tuning/jobs/ftjob-" },
        new() { Fault = "403", Method = "PUT", PathContains = "/deployments/" },
        new() { Fault = "400", Method = "POST", PathContains = "/chat/completions" },
    ];

    // Any request, the cleanup's included, failed a few times: retried until it passes.
    private static readonly string[] TransientFaults = ["500", "503", "408", "drop", "429;retry-after=1"];
    private static readonly string[] TransientPaths = ["/files", "/fine_tuning/jobs", "/deployments", "/chat/completions"];

    [Fact(Timeout = 900_000)]
    public async Task Runs_under_random_faults_and_cancels_leave_nothing_paid_and_explain_their_end()
    {
        var random = new Random(Seed);
        var outcomes = new Dictionary<RunOutcome, int>();
        var faultsInjected = 0;
        var cancelsSent = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var faults = DrawFaults(random);
            await using var harness = await PipelineHarness.StartAsync(
                emulator: o =>
                {
                    foreach (var fault in faults)
                    {
                        o.Faults.Add(fault);
                    }
                },
                withBaseDeployment: false);
            var dataset = await harness.SampleAsync();
            var runs = new List<RunRequest>();
            for (var i = 0; i < RunsPerRound; i++)
            {
                runs.Add(await harness.StartRunAsync(dataset));
            }

            var cancels = runs.Where(_ => random.NextDouble() < 0.35)
                .Select(run => CancelLaterAsync(harness, run.RunId, TimeSpan.FromMilliseconds(random.Next(0, 5000))))
                .ToList();
            var results = await Task.WhenAll(runs.Select(run => harness.RunToEndAsync(run.RunId, TimeSpan.FromMinutes(3))));
            await Task.WhenAll(cancels);

            var context = $"round {round} (faults: {string.Join("; ", faults.Select(Describe))})";
            foreach (var result in results)
            {
                AssertExplainsItsEnd(result, context);
                outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
            }

            Assert.True(harness.PaidLeftovers().Count == 0, $"{context} left {string.Join(", ", harness.PaidLeftovers())}");
            faultsInjected += harness.Emulator.State.FaultsInjected;
            cancelsSent += cancels.Count;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"seed {Seed}: {Rounds * RunsPerRound} runs, {faultsInjected} faults injected, {cancelsSent} cancels sent; outcomes " +
            string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")) + "; paid leftovers 0");
        Assert.True(outcomes.Count > 2, "the campaign should end runs in several ways");
    }

    private static List<FaultRule> DrawFaults(Random random)
    {
        var faults = new List<FaultRule>();
        if (random.NextDouble() < 0.75)
        {
            var permanent = Permanent[random.Next(Permanent.Length)];
            faults.Add(new FaultRule { Fault = permanent.Fault, Method = permanent.Method, PathContains = permanent.PathContains, PathEndsWith = permanent.PathEndsWith });
        }

        for (var i = random.Next(1, 4); i > 0; i--)
        {
            faults.Add(new FaultRule
            {
                Fault = TransientFaults[random.Next(TransientFaults.Length)],
                PathContains = TransientPaths[random.Next(TransientPaths.Length)],
                Count = random.Next(1, 4),
            });
        }

        return faults;
    }

    private static async Task CancelLaterAsync(PipelineHarness harness, string runId, TimeSpan after)
    {
        await Task.Delay(after, TestContext.Current.CancellationToken);
        await harness.Pipeline.Runs.CancelAsync(runId, new CancelRequest("fault campaign", "campaign"), TestContext.Current.CancellationToken);
    }

    private static void AssertExplainsItsEnd(RunResult result, string context)
    {
        var status = result.Status;
        var where = $"{context}, run {status.RunId} ended {result.Outcome}: {status.Message}";
        Assert.True(status.Phase.ToString() == result.Outcome.ToString(), where);
        Assert.False(string.IsNullOrWhiteSpace(status.Message), where);
        if (result.Outcome is RunOutcome.Failed or RunOutcome.TimedOut or RunOutcome.Rejected or RunOutcome.Invalid)
        {
            Assert.True(status.Errors.Count > 0 && status.Errors.All(e => e.Code.Length > 0 && e.Message.Length > 0), where);
        }

        if (result.Outcome == RunOutcome.Cancelled)
        {
            Assert.StartsWith("Cancelled", status.Message, StringComparison.Ordinal);
        }

        if (status.Timeline.Any(p => p.Phase == RunPhase.Uploading))
        {
            Assert.True(status.CleanedUp is not null, $"{where}: no record of what it released ({string.Join("; ", status.Errors.Select(e => e.Message))})");
        }
    }

    private static string Describe(FaultRule rule) =>
        $"{rule.Fault} {rule.Method ?? "*"} {rule.PathContains ?? "…" + rule.PathEndsWith}{(rule.Count is { } n ? $" ×{n}" : " always")}";
}
