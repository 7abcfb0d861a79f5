using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// `dpo run FILE --endpoint URL` as a user runs it: both the emulator and `dpo` are processes of their own, and the
/// emulator fails every read of the job for good. The run must end non-zero and leave no active job and no file.
/// </summary>
public sealed class DpoRunAgainstAFaultyServiceTests : IDisposable
{
    private const string TimeScale = "600";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    private readonly string _folder = Directory.CreateTempSubdirectory("dpo-e2e-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact(Timeout = 300_000)]
    public async Task A_permanent_500_on_reading_the_job_fails_dpo_run_and_leaves_no_active_job_and_no_file()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Limit);
        using var emulator = SeparateProcess.Start(
            "DpoPipeline.Emulator.dll", [], "--port", "0", "--time-scale", TimeScale,
            // Training far longer than the run's retries, so the job is still running when the run gives up.
            "--Emulator:Durations:JobRunning=100:00:00",
            "--Emulator:Faults:0:Fault=500", "--Emulator:Faults:0:Method=GET", "--Emulator:Faults:0:PathContains=/fine_tuning/jobs/ftjob-");
        try
        {
            var endpoint = await SeparateProcess.ListeningUriAsync(emulator, timeout.Token);

            // The clients' own retries shortened by settings, as a user may: the run reaches its end in seconds.
            using var dpo = SeparateProcess.Start(
                "dpo.dll",
                [("OpenAI__Retry__MaxRetries", "2"), ("OpenAI__Retry__BaseDelay", "00:00:00.200"), ("OpenAI__Retry__MaxDelay", "00:00:00.500")],
                "run", "--sample", "--endpoint", endpoint.ToString(), "--time-scale", TimeScale, "--in-memory", "--out", Path.Combine(_folder, "out"), "--json");
            var stdout = dpo.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = dpo.StandardError.ReadToEndAsync(timeout.Token);
            await dpo.WaitForExitAsync(timeout.Token);

            Assert.True(dpo.ExitCode != 0, await stderr);
            using var result = JsonDocument.Parse(await stdout);
            Assert.Equal("Failed", result.RootElement.GetProperty("outcome").GetString());
            var cleanedUp = result.RootElement.GetProperty("status").GetProperty("cleanedUp");
            Assert.Single(cleanedUp.GetProperty("cancelledJobs").EnumerateArray());

            using var http = new HttpClient { BaseAddress = new Uri(endpoint, "openai/v1/") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "e2e");
            var jobs = await SeparateProcess.GetDataAsync(http, "fine_tuning/jobs", timeout.Token);
            var files = await SeparateProcess.GetDataAsync(http, "files?purpose=fine-tune", timeout.Token);
            var job = Assert.Single(jobs);
            Assert.Equal("cancelled", job.GetProperty("status").GetString());
            Assert.Empty(files);
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
        }
    }
}
