using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DpoPipeline.Workflow;

namespace DpoPipeline.Cli.Runs;

/// <summary>
/// Talks to a deployed pipeline's <c>/api/runs</c> routes with the function key in a header. Every failure becomes a
/// <see cref="RunsApiException"/>: refusals (unknown run, wrong state) exit 1, everything else (key, input, network,
/// server) exits 2.
/// </summary>
internal sealed class RunsApiClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly PipelineApp _app;
    private readonly HttpClient _http;

    public RunsApiClient(PipelineApp app)
    {
        _app = app;
        // No automatic redirects: the key header would follow them to wherever they point.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = app.Api, Timeout = Timeout };
        _http.DefaultRequestHeaders.Add("x-functions-key", app.Key);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd($"dpo/{typeof(RunsApiClient).Assembly.GetName().Version?.ToString(3)}");
    }

    /// <summary>The answer's body, for a GET that succeeded.</summary>
    public async Task<byte[]> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return await answer.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public async Task<T> GetJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        var body = await GetAsync(path, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(body, DurableJson.Options) ?? throw new JsonException("empty answer");
        }
        catch (JsonException e)
        {
            throw new RunsApiException($"{_app} answered {path} with something other than the pipeline's JSON ({e.Message}); is --app the DpoPipeline app?", ExitCodes.UsageOrIoError);
        }
    }

    /// <summary>Sends a command (POST or DELETE, with an optional JSON body); returns once the pipeline accepted it.</summary>
    public async Task CommandAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: DurableJson.Options);
        }

        using var answer = await SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage answer;
            try
            {
                answer = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new RunsApiException($"Cannot reach {_app}: {e.Message}", ExitCodes.UsageOrIoError);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RunsApiException($"{_app} did not answer within {Timeout.TotalSeconds:0} s.", ExitCodes.UsageOrIoError);
            }

            if (answer.IsSuccessStatusCode)
            {
                return answer;
            }

            using (answer)
            {
                throw await RefusalAsync(answer, request, cancellationToken);
            }
        }
    }

    private async Task<RunsApiException> RefusalAsync(HttpResponseMessage answer, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var code = (int)answer.StatusCode;
        var said = await ReasonAsync(answer, cancellationToken);
        return answer.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RunsApiException(
                $"{_app} refused the key ({code}); this needs {_app.KeySource}.",
                ExitCodes.UsageOrIoError),
            _ when code is >= 300 and < 400 => new RunsApiException(
                $"{_app} answered {code} {answer.ReasonPhrase}, a redirect to {(answer.Headers.Location is { IsAbsoluteUri: true } target ? target.GetLeftPart(UriPartial.Authority) : _app.Display)}; dpo does not follow redirects with the key: give --app the address the app answers at.",
                ExitCodes.UsageOrIoError),
            HttpStatusCode.NotFound or HttpStatusCode.Conflict => new RunsApiException(
                said ?? $"{_app} answered {code} {answer.ReasonPhrase} to {request.Method} {request.RequestUri?.AbsolutePath}; is --app the DpoPipeline app?",
                ExitCodes.Invalid),
            _ => new RunsApiException($"{_app} answered {code} {answer.ReasonPhrase}{(said is null ? "." : $": {said}")}", ExitCodes.UsageOrIoError),
        };
    }

    /// <summary>The API's own words from an error body: <c>message</c>, or every entry of <c>problems</c>.</summary>
    private static async Task<string?> ReasonAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        var text = await answer.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (body.RootElement.TryGetProperty("problems", out var problems) && problems.ValueKind == JsonValueKind.Array)
            {
                return string.Join(" ", problems.EnumerateArray().Select(p => p.GetString()));
            }

            return body.RootElement.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
