using System.Net;
using System.Text.Json;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

public sealed class ChatCompletionTests
{
    private const string Question = "Will AI lead to mass unemployment in the future?";

    [Fact]
    public async Task FineTunedDeployment_AnswersWithPreferredOutputOfNearestTrainingPrompt_AndBaseAnswersDifferently()
    {
        await using var session = await EmulatorSession.StartAsync();
        var model = await TrainAsync(session);
        await DeployAndWaitAsync(session, "tuned", model);
        await DeployAndWaitAsync(session, "base", "gpt-4.1-mini-2025-04-14");

        var tuned = await AskAsync(session, "tuned", "will ai cause mass unemployment in future");
        var baseAnswer = await AskAsync(session, "base", "will ai cause mass unemployment in future");

        Assert.Equal("AI will create new job opportunities and enhance productivity across various sectors.", Content(tuned));
        Assert.NotEqual(Content(tuned), Content(baseAnswer));
        Assert.Equal(model, tuned.GetProperty("model").GetString());
        var usage = tuned.GetProperty("usage");
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task BaseDeployment_SamePrompt_AnswersTheSameEveryTime()
    {
        await using var session = await EmulatorSession.StartAsync();
        await DeployAndWaitAsync(session, "base", "gpt-4.1-mini-2025-04-14");

        var first = Content(await AskAsync(session, "base", Question));
        var second = Content(await AskAsync(session, "base", Question));
        var other = Content(await AskAsync(session, "base", "Is humanity capable of colonizing Mars?"));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Deployment_JustSucceeded_AnswersDeploymentNotReadyForAWhile()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var put = await session.PutJsonAsync(EmulatorSession.DeploymentPath("base"), EmulatorSession.DeploymentBody("gpt-4.1-mini-2025-04-14"));

        using var whileCreating = await SendAsync(session, "base", Question);
        session.Advance(session.Options.Durations.DeploymentCreating);
        using var notReady = await SendAsync(session, "base", Question);
        session.Advance(session.Options.Durations.DeploymentNotReady);
        using var ready = await SendAsync(session, "base", Question);

        Assert.Equal(HttpStatusCode.NotFound, whileCreating.StatusCode);
        Assert.Equal("DeploymentNotFound", await CodeAsync(whileCreating));
        Assert.Equal(HttpStatusCode.NotFound, notReady.StatusCode);
        Assert.Equal("DeploymentNotReady", await CodeAsync(notReady));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    internal static async Task<string> TrainAsync(EmulatorSession session)
    {
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        var id = (await session.CreateJobAsync(file, ""","method":{"type":"dpo","dpo":{"hyperparameters":{"n_epochs":1}}}""")).GetProperty("id").GetString()!;
        return (await session.AdvanceUntilJobStatusAsync(id, "succeeded")).GetProperty("fine_tuned_model").GetString()!;
    }

    internal static async Task DeployAndWaitAsync(EmulatorSession session, string name, string model)
    {
        using var put = await session.PutJsonAsync(EmulatorSession.DeploymentPath(name), EmulatorSession.DeploymentBody(model));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        session.Advance(session.Options.Durations.DeploymentCreating + session.Options.Durations.DeploymentNotReady);
    }

    private static Task<HttpResponseMessage> SendAsync(EmulatorSession session, string deployment, string question) =>
        session.PostJsonAsync("openai/v1/chat/completions", JsonSerializer.Serialize(new { model = deployment, messages = new[] { new { role = "user", content = question } } }));

    private static async Task<JsonElement> AskAsync(EmulatorSession session, string deployment, string question)
    {
        using var response = await SendAsync(session, deployment, question);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await EmulatorSession.ReadJsonAsync(response);
    }

    private static string Content(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString();
}
