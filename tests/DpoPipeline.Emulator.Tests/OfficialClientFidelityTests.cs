using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

/// <summary>
/// What official clients rely on beyond body shapes: streamed chat completions, the files list's filter and paging
/// ids, and the request ids on every response (as in the recorded Azure headers).
/// </summary>
public sealed class OfficialClientFidelityTests
{
    private const string Question = "Will AI lead to mass unemployment in the future?";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StreamedChatCompletion_ThroughTheOpenAIClient_YieldsTheSameTextAsAWholeOne()
    {
        await using var session = await EmulatorSession.StartAsync();
        await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        await ChatCompletionTests.DeployAndWaitAsync(session, "base", "gpt-4.1-mini-2025-04-14");
        var client = new ChatClient("base", new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = session.Emulator.OpenAIBaseUri });

        var whole = await client.CompleteChatAsync([new UserChatMessage(Question)], cancellationToken: Token);
        var streamed = new StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(Question)], cancellationToken: Token))
        {
            updates++;
            streamed.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            usage ??= update.Usage;
        }

        Assert.True(updates > 3, $"Only {updates} updates were streamed.");
        Assert.Equal(whole.Value.Content[0].Text, streamed.ToString());
        Assert.Equal(whole.Value.Usage.TotalTokenCount, usage?.TotalTokenCount);
    }

    [Fact]
    public async Task StreamedChatCompletion_IsServerSentChunksEndingWithDone()
    {
        await using var session = await EmulatorSession.StartAsync();
        await ChatCompletionTests.DeployAndWaitAsync(session, "base", "gpt-4.1-mini-2025-04-14");

        using var response = await session.PostJsonAsync(
            "openai/v1/chat/completions", JsonSerializer.Serialize(new { model = "base", stream = true, messages = new[] { new { role = "user", content = Question } } }));
        var events = (await response.Content.ReadAsStringAsync(Token)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.False(chunks[^1].TryGetProperty("usage", out _)); // only when stream_options.include_usage asks for it
    }

    [Fact]
    public async Task FileList_FiltersByPurpose_AndNamesItsFirstAndLastId()
    {
        await using var session = await EmulatorSession.StartAsync();
        var content = await File.ReadAllBytesAsync(EmulatorSession.DpoTrainingFile, Token);
        var training = await UploadedIdAsync(session, content, "fine-tune");
        var validation = await UploadedIdAsync(session, content, "fine-tune");
        await UploadedIdAsync(session, content, "assistants");

        var all = await session.GetJsonAsync("openai/v1/files");
        var fineTune = await session.GetJsonAsync("openai/v1/files?purpose=fine-tune");
        var none = await session.GetJsonAsync("openai/v1/files?purpose=batch");

        Assert.Equal(3, all.GetProperty("data").GetArrayLength());
        Assert.Equal([training, validation], fineTune.GetProperty("data").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal((training, validation), (fineTune.GetProperty("first_id").GetString(), fineTune.GetProperty("last_id").GetString()));
        Assert.False(fineTune.GetProperty("has_more").GetBoolean());
        Assert.Equal((0, JsonValueKind.Null, JsonValueKind.Null), (none.GetProperty("data").GetArrayLength(), none.GetProperty("first_id").ValueKind, none.GetProperty("last_id").ValueKind));
    }

    [Fact]
    public async Task DataPlaneResponses_CarryAnApimRequestId_AsRecorded()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = session.Emulator.BaseUri };

        using var ok = await session.Http.GetAsync("openai/v1/files", Token);
        using var notFound = await session.Http.GetAsync("openai/v1/files/file-missing", Token);
        using var unauthorized = await anonymous.GetAsync("openai/v1/files", Token);

        Assert.Contains(RecordedHeaders("azure-ftjob-create-201.headers.json"), name => name == "apim-request-id");
        var ids = new[] { ok, notFound, unauthorized }.Select(r => Guid.Parse(Assert.Single(r.Headers.GetValues("apim-request-id")))).ToList();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized), (ok.StatusCode, notFound.StatusCode, unauthorized.StatusCode));
        Assert.Equal(3, ids.Distinct().Count());
        Assert.False(ok.Headers.Contains("x-ms-request-id"));
    }

    [Fact]
    public async Task ArmResponses_CarryRequestAndCorrelationIds_AsRecorded_EchoingTheClientsCorrelationId()
    {
        await using var session = await EmulatorSession.StartAsync();
        var correlation = Guid.NewGuid().ToString();

        using var put = await session.PutJsonAsync(EmulatorSession.DeploymentPath("base"), EmulatorSession.DeploymentBody("gpt-4.1-mini-2025-04-14"));
        using var get = new HttpRequestMessage(HttpMethod.Get, EmulatorSession.DeploymentPath("missing"));
        get.Headers.Add("x-ms-correlation-request-id", correlation);
        using var missing = await session.Http.SendAsync(get, Token);

        var recorded = RecordedHeaders("azure-arm-deployment-put-201.headers.json");
        foreach (var name in new[] { "x-ms-request-id", "x-ms-correlation-request-id" })
        {
            Assert.Contains(name, recorded);
            Assert.All(new[] { put, missing }, r => Guid.Parse(Assert.Single(r.Headers.GetValues(name))));
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(correlation, Assert.Single(missing.Headers.GetValues("x-ms-correlation-request-id")));
        Assert.False(put.Headers.Contains("apim-request-id"));
    }

    private static async Task<string> UploadedIdAsync(EmulatorSession session, byte[] content, string purpose)
    {
        using var response = await session.UploadAsync(content, $"{purpose}.jsonl", purpose);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await EmulatorSession.ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>Header names of a recorded Azure response (tests/data/api-payloads), lower-cased.</summary>
    private static IReadOnlyList<string> RecordedHeaders(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(EmulatorSession.DataPath("api-payloads", file)));
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name.ToLowerInvariant()).Where(n => !n.StartsWith('_'))];
    }
}
