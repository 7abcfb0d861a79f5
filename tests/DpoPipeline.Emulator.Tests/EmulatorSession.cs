using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

/// <summary>An emulator on a free loopback port driven by a fake clock, with an authenticated HTTP client.</summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    public const string AccountPath = "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.CognitiveServices/accounts/acct-1";
    public const string ApiVersion = "api-version=2025-06-01";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private EmulatorSession(FakeTimeProvider clock, EmulatorOptions options, EmulatorHandle emulator)
    {
        Clock = clock;
        Options = options;
        Emulator = emulator;
        Http = new HttpClient { BaseAddress = emulator.BaseUri };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
    }

    public FakeTimeProvider Clock { get; }

    public EmulatorOptions Options { get; }

    public EmulatorHandle Emulator { get; }

    public HttpClient Http { get; }

    public static string DataPath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string DpoTrainingFile => DataPath("evaluation", "azure-gpt4o-dpo-train-200.jsonl");

    public static async Task<EmulatorSession> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(Start);
        var options = new EmulatorOptions { TimeProvider = clock };
        configure?.Invoke(options);
        var emulator = await EmulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
        return new EmulatorSession(clock, options, emulator);
    }

    public static string DeploymentPath(string name) => $"{AccountPath}/deployments/{name}?{ApiVersion}";

    public void Advance(TimeSpan by) => Clock.Advance(by);

    public async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName, string purpose = "fine-tune")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(purpose), "purpose" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await Http.PostAsync("openai/v1/files", form, TestContext.Current.CancellationToken);
    }

    /// <summary>Uploads a file and advances the clock until it is processed; returns its id.</summary>
    public async Task<string> UploadProcessedAsync(string path)
    {
        using var response = await UploadAsync(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), Path.GetFileName(path));
        var file = await ReadJsonAsync(response);
        Advance(Options.Durations.FileProcessing);
        return file.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> CreateJobAsync(string trainingFile, string? extraJson = null)
    {
        using var response = await PostJsonAsync("openai/v1/fine_tuning/jobs", $$"""{"model":"gpt-4.1-mini","training_file":"{{trainingFile}}"{{extraJson}}}""");
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PutJsonAsync(string path, string json) =>
        Http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).Clone();

    /// <summary>Advances the clock in steps until the job reaches <paramref name="status"/>, failing after a simulated day.</summary>
    public async Task<JsonElement> AdvanceUntilJobStatusAsync(string jobId, string status)
    {
        for (var i = 0; i < 24 * 12; i++)
        {
            var job = await GetJsonAsync($"openai/v1/fine_tuning/jobs/{jobId}");
            if (job.GetProperty("status").GetString() == status)
            {
                return job;
            }

            Advance(TimeSpan.FromMinutes(5));
        }

        throw new InvalidOperationException($"Job {jobId} never reached '{status}'.");
    }

    public static string DeploymentBody(string model, string? tagsJson = null) =>
        """{"sku":{"name":"standard","capacity":"1"},"tags":""" + (tagsJson ?? "{}")
        + ""","properties":{"model":{"format":"OpenAI","name":""" + $"\"{model}\"" + ""","version":"1"}}}""";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
