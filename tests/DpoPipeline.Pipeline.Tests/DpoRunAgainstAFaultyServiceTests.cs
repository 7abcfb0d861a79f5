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
        using var emulator = Start(
            "DpoPipeline.Emulator.dll", [], "--port", "0", "--time-scale", TimeScale,
            // Training far longer than the run's retries, so the job is still running when the run gives up.
            "--Emulator:Durations:JobRunning=100:00:00",
            "--Emulator:Faults:0:Fault=500", "--Emulator:Faults:0:Method=GET", "--Emulator:Faults:0:PathContains=/fine_tuning/jobs/ftjob-");
        try
        {
            var endpoint = await ListeningUriAsync(emulator, timeout.Token);

            // The clients' own retries shortened by settings, as a user may: the run reaches its end in seconds.
            using var dpo = Start(
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
            var jobs = await GetDataAsync(http, "fine_tuning/jobs", timeout.Token);
            var files = await GetDataAsync(http, "files?purpose=fine-tune", timeout.Token);
            var job = Assert.Single(jobs);
            Assert.Equal("cancelled", job.GetProperty("status").GetString());
            Assert.Empty(files);
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
        }
    }

    private static Process Start(string assembly, IEnumerable<(string Name, string Value)> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    // The emulator prints "DpoPipeline emulator listening on <url>" once Kestrel listens.
    private static async Task<Uri> ListeningUriAsync(Process emulator, CancellationToken cancellationToken)
    {
        const string Marker = "listening on ";
        while (await emulator.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (line.StartsWith("DpoPipeline emulator", StringComparison.Ordinal) && at >= 0)
            {
                // Keep draining its output so the emulator never blocks on a full pipe.
                _ = emulator.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = emulator.StandardError.ReadToEndAsync(CancellationToken.None);
                return new Uri(line[(at + Marker.Length)..].Trim());
            }
        }

        throw new Xunit.Sdk.XunitException($"The emulator ended before it listened: {await emulator.StandardError.ReadToEndAsync(cancellationToken)}");
    }

    private static async Task<List<JsonElement>> GetDataAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(path, cancellationToken));
        return [.. document.RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone())];
    }
}
