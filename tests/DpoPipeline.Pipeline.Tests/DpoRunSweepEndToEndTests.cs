using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// `dpo run FILE --endpoint URL --sweep beta=…` as a user runs it: the emulator is a process of its own with one running
/// job at a time (the service queues the others), and its DPO models answer by beta, so beta 0.1 must win.
/// </summary>
public sealed class DpoRunSweepEndToEndTests : IDisposable
{
    private const string TimeScale = "600";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    private readonly string _folder = Directory.CreateTempSubdirectory("dpo-sweep-e2e-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact(Timeout = 300_000)]
    public async Task Dpo_run_with_a_beta_sweep_exits_zero_names_the_winner_and_the_service_saw_one_job_per_beta()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Limit);
        using var emulator = SeparateProcess.Start(
            "DpoPipeline.Emulator.dll", [], "--port", "0", "--time-scale", TimeScale, "--Emulator:Quotas:MaxRunningJobs=1",
            "--Emulator:Models:DpoByBeta:0.05=0", "--Emulator:Models:DpoByBeta:0.1=1", "--Emulator:Models:DpoByBeta:0.2=0");
        try
        {
            var endpoint = await SeparateProcess.ListeningUriAsync(emulator, timeout.Token);
            var dataset = await Core.Samples.SampleDatasets.Default.ExtractAsync(_folder, timeout.Token);

            using var dpo = SeparateProcess.Start(
                "dpo.dll", [],
                "run", dataset, "--endpoint", endpoint.ToString(), "--time-scale", TimeScale, "--ttl-hours", "0.2", "--in-memory",
                "--out", Path.Combine(_folder, "out"), "--sweep", "beta=0.05,0.1,0.2", "--json");
            var stdout = dpo.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = dpo.StandardError.ReadToEndAsync(timeout.Token);
            await dpo.WaitForExitAsync(timeout.Token);

            Assert.True(dpo.ExitCode == 0, await stderr);
            using var result = JsonDocument.Parse(await stdout);
            Assert.Equal("Completed", result.RootElement.GetProperty("outcome").GetString());
            var status = result.RootElement.GetProperty("status");
            Assert.StartsWith("v2 (beta=0.1) won", status.GetProperty("sweepDecision").GetString(), StringComparison.Ordinal);
            var winner = status.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("winner").GetBoolean());
            Assert.Equal(0.1, winner.GetProperty("hyperparameters").GetProperty("beta").GetDouble());

            using var http = new HttpClient { BaseAddress = new Uri(endpoint, "openai/v1/") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "e2e");
            var jobs = await SeparateProcess.GetDataAsync(http, "fine_tuning/jobs", timeout.Token);
            Assert.Equal(3, jobs.Count);
            Assert.Equal(
                [0.05, 0.1, 0.2],
                jobs.Select(j => j.GetProperty("method").GetProperty("dpo").GetProperty("hyperparameters").GetProperty("beta").GetDouble()).Order());
            Assert.All(jobs, j => Assert.Equal("succeeded", j.GetProperty("status").GetString()));
            Assert.Empty(await SeparateProcess.GetDataAsync(http, "files?purpose=fine-tune", timeout.Token));
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
        }
    }
}
