using System.Net;
using System.Text;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class FileLifecycleTests
{
    [Fact]
    public async Task Upload_ValidDpoFile_AnswersPendingThenProcessedAfterProcessingTime()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var response = await session.UploadAsync(await File.ReadAllBytesAsync(EmulatorSession.DpoTrainingFile, TestContext.Current.CancellationToken), "train.jsonl");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uploaded = await EmulatorSession.ReadJsonAsync(response);
        var id = uploaded.GetProperty("id").GetString()!;
        Assert.Equal("pending", uploaded.GetProperty("status").GetString());
        Assert.Matches("^file-[0-9a-f]{32}$", id);

        session.Advance(session.Options.Durations.FileProcessing - TimeSpan.FromSeconds(1));
        Assert.Equal("pending", (await session.GetJsonAsync($"openai/v1/files/{id}")).GetProperty("status").GetString());
        session.Advance(TimeSpan.FromSeconds(1));
        var processed = await session.GetJsonAsync($"openai/v1/files/{id}");
        Assert.Equal("processed", processed.GetProperty("status").GetString());
        Assert.False(processed.TryGetProperty("status_details", out _));
    }

    [Fact]
    public async Task Upload_LineThatIsNotJson_EndsErrorWithServiceStyleDetails()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var response = await session.UploadAsync(Encoding.UTF8.GetBytes("this is not json\n"), "bad.jsonl");
        var id = (await EmulatorSession.ReadJsonAsync(response)).GetProperty("id").GetString();

        session.Advance(session.Options.Durations.FileProcessing);
        var file = await session.GetJsonAsync($"openai/v1/files/{id}");

        Assert.Equal("error", file.GetProperty("status").GetString());
        Assert.Equal("Validation of jsonl file failed: Deserialization of line #0 failed.", file.GetProperty("status_details").GetString());
    }

    [Fact]
    public async Task Delete_SecondTime_AnswersOkWithDeletedFalse()
    {
        await using var session = await EmulatorSession.StartAsync();
        var id = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);

        using var first = await session.Http.DeleteAsync($"openai/v1/files/{id}", TestContext.Current.CancellationToken);
        using var second = await session.Http.DeleteAsync($"openai/v1/files/{id}", TestContext.Current.CancellationToken);
        using var get = await session.Http.GetAsync($"openai/v1/files/{id}", TestContext.Current.CancellationToken);

        Assert.True((await EmulatorSession.ReadJsonAsync(first)).GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False((await EmulatorSession.ReadJsonAsync(second)).GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Upload_WithoutPurpose_AnswersBadRequestAndStoresNothing()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var response = await session.UploadAsync(Encoding.UTF8.GetBytes("{}\n"), "x.jsonl", purpose: "world_domination");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error");
        Assert.Equal("invalidPayload", error.GetProperty("code").GetString());
        Assert.Contains("purpose", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(session.Emulator.State.Files);
    }

    [Fact]
    public async Task Content_OfUploadedFile_ReturnsTheSameBytes()
    {
        await using var session = await EmulatorSession.StartAsync();
        var bytes = await File.ReadAllBytesAsync(EmulatorSession.DpoTrainingFile, TestContext.Current.CancellationToken);
        var id = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);

        var content = await session.Http.GetByteArrayAsync($"openai/v1/files/{id}/content", TestContext.Current.CancellationToken);

        Assert.Equal(bytes, content);
    }
}
