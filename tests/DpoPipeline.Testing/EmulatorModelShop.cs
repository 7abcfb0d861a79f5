using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DpoPipeline.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace DpoPipeline.Testing;

/// <summary>
/// Trains and deploys models on an emulator whose clock the test drives, through its HTTP API as any client would,
/// so evaluation tests have a real fine-tuned deployment and base deployments to ask.
/// </summary>
public sealed class EmulatorModelShop : IDisposable
{
    /// <summary>The ARM scope deployments are created in (the emulator accepts any).</summary>
    public const string ArmAccount = "subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.CognitiveServices/accounts/acct-1";

    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);
    private readonly HttpClient _http;
    private readonly FakeTimeProvider _clock;

    public EmulatorModelShop(EmulatorHandle emulator, FakeTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        _clock = clock;
        _http = new HttpClient { BaseAddress = emulator.BaseUri };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
    }

    /// <summary>Uploads <paramref name="trainingFile"/>, trains a DPO job on it to success, and returns the fine-tuned model.</summary>
    public async Task<string> TrainDpoAsync(string trainingFile, string baseModel, CancellationToken cancellationToken, int? epochs = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("fine-tune"), "purpose" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(trainingFile, cancellationToken)), "file", Path.GetFileName(trainingFile) },
        };
        using var upload = await _http.PostAsync("openai/v1/files", form, cancellationToken);
        var fileId = (await JsonAsync(upload, cancellationToken)).GetProperty("id").GetString()!;
        await AdvanceUntilAsync($"openai/v1/files/{fileId}", "processed", cancellationToken);

        object method = epochs is { } n ? new { type = "dpo", dpo = new { hyperparameters = new { n_epochs = n } } } : new { type = "dpo" };
        var body = JsonSerializer.Serialize(new { model = baseModel, training_file = fileId, method });
        using var create = await _http.PostAsync("openai/v1/fine_tuning/jobs", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        var jobId = (await JsonAsync(create, cancellationToken)).GetProperty("id").GetString()!;
        var job = await AdvanceUntilAsync($"openai/v1/fine_tuning/jobs/{jobId}", "succeeded", cancellationToken);
        return job.GetProperty("fine_tuned_model").GetString()!;
    }

    /// <summary>Deploys <paramref name="model"/> as <paramref name="name"/> and moves the clock on until it answers.</summary>
    public async Task DeployAsync(string name, string model, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new
        {
            sku = new { name = "standard", capacity = 1 },
            properties = new { model = new { format = "OpenAI", name = model, version = "1" } },
        });
        using var put = await _http.PutAsync(
            $"{ArmAccount}/deployments/{name}?api-version=2025-06-01", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        if (put.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Deploying {name} answered {(int)put.StatusCode}.");
        }

        var durations = new EmulatorDurations();
        _clock.Advance(durations.DeploymentCreating + durations.DeploymentNotReady);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> AdvanceUntilAsync(string path, string status, CancellationToken cancellationToken)
    {
        for (var step = 0; step < 24 * 12; step++)
        {
            using var response = await _http.GetAsync(path, cancellationToken);
            var resource = await JsonAsync(response, cancellationToken);
            if (resource.GetProperty("status").GetString() == status)
            {
                return resource;
            }

            _clock.Advance(Step);
        }

        throw new InvalidOperationException($"{path} never reached '{status}'.");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).Clone();
    }
}
