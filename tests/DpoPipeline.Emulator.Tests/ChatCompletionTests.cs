using System.Net;
using System.Text.Json;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

/// <summary>
/// The emulated models answer each prompt of an uploaded preference file from that prompt's own pair, at the configured
/// preference rate of their kind, deterministically per seed; anything else gets a generic reply.
/// </summary>
public sealed class ChatCompletionTests
{
    private const string BaseModel = "gpt-4.1-mini-2025-04-14";
    private const string Question = "Will AI lead to mass unemployment in the future?";
    private const string Chosen = "AI will create new job opportunities and enhance productivity across various sectors.";
    private const string Rejected = "AI's advancement will result in significant job losses and economic disruption.";

    [Fact]
    public async Task Deployments_AtRatesOneAndZero_AnswerThePromptsOwnChosenAndRejectedReply()
    {
        await using var session = await EmulatorSession.StartAsync(o => (o.Models.Dpo.PreferenceRate, o.Models.Base.PreferenceRate) = (1, 0));
        await DeployAndWaitAsync(session, "tuned", await TrainAsync(session));
        await DeployAndWaitAsync(session, "base", BaseModel);

        var tuned = await AskAsync(session, "tuned", Question);
        var baseAnswer = await AskAsync(session, "base", Question);

        Assert.Equal(Chosen, Content(tuned));
        Assert.Equal(Rejected, Content(baseAnswer));
        Assert.StartsWith("gpt-4.1-mini-2025-04-14.ft-", tuned.GetProperty("model").GetString(), StringComparison.Ordinal);
        var usage = tuned.GetProperty("usage");
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task FineTunedDeployment_AnswersChosenAtItsConfiguredRate()
    {
        await using var session = await EmulatorSession.StartAsync(o => o.Models.Dpo.PreferenceRate = 0.8);
        await DeployAndWaitAsync(session, "tuned", await TrainAsync(session));
        var pairs = await PairsAsync();

        var chosen = 0;
        foreach (var (prompt, preferred, _) in pairs)
        {
            chosen += Content(await AskAsync(session, "tuned", prompt)) == preferred ? 1 : 0;
        }

        // 200 independent draws at 0.8: 160 expected, standard deviation 5.7; ±23 is four of them (a 1-in-15,000 miss).
        Assert.InRange(chosen, 160 - 23, 160 + 23);
    }

    [Fact]
    public async Task Answers_SameSeed_Repeat_AndOtherSeedsDrawAgain()
    {
        await using var session = await EmulatorSession.StartAsync();
        await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        await DeployAndWaitAsync(session, "base", BaseModel);
        var prompts = (await PairsAsync()).Take(20).Select(p => p.Prompt).ToList();

        var first = await AnswersAsync(session, prompts, seed: 1);
        var again = await AnswersAsync(session, prompts, seed: 1);
        var other = await AnswersAsync(session, prompts, seed: 2);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task LengthDrift_StretchesTheAnswerAndKeepsItAsThePrefix()
    {
        await using var session = await EmulatorSession.StartAsync(o => (o.Models.Dpo.PreferenceRate, o.Models.Dpo.LengthDrift) = (1, 2));
        await DeployAndWaitAsync(session, "tuned", await TrainAsync(session));

        var answer = Content(await AskAsync(session, "tuned", Question));

        Assert.StartsWith(Chosen, answer, StringComparison.Ordinal);
        Assert.InRange(answer.Length, 2 * Chosen.Length, (2 * Chosen.Length) + 20);
    }

    [Fact]
    public async Task DeploymentOverride_BeatsTheRateOfItsKind()
    {
        await using var session = await EmulatorSession.StartAsync(o =>
        {
            o.Models.Base.PreferenceRate = 0;
            o.Models.Deployments["always-right"] = new EmulatedModelBehaviour { PreferenceRate = 1 };
        });
        await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        await DeployAndWaitAsync(session, "Always-Right", BaseModel);

        Assert.Equal(Chosen, Content(await AskAsync(session, "Always-Right", Question)));
    }

    [Fact]
    public async Task PromptWithoutAPair_GetsTheSameGenericReplyEveryTime()
    {
        await using var session = await EmulatorSession.StartAsync();
        await DeployAndWaitAsync(session, "base", BaseModel);

        var first = Content(await AskAsync(session, "base", Question));
        var second = Content(await AskAsync(session, "base", Question));
        var other = Content(await AskAsync(session, "base", "Is humanity capable of colonizing Mars?"));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains("mass unemployment", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployment_JustSucceeded_AnswersDeploymentNotReadyForAWhile()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var put = await session.PutJsonAsync(EmulatorSession.DeploymentPath("base"), EmulatorSession.DeploymentBody(BaseModel));

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

    /// <summary>The training file's pairs: prompt (last user message), preferred and non-preferred reply.</summary>
    internal static async Task<IReadOnlyList<(string Prompt, string Preferred, string NonPreferred)>> PairsAsync() =>
        [.. (await File.ReadAllLinesAsync(EmulatorSession.DpoTrainingFile, TestContext.Current.CancellationToken))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(root => (
                root.GetProperty("input").GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!,
                root.GetProperty("preferred_output")[0].GetProperty("content").GetString()!,
                root.GetProperty("non_preferred_output")[0].GetProperty("content").GetString()!))];

    internal static Task<HttpResponseMessage> SendAsync(EmulatorSession session, string deployment, string question, long? seed = null) =>
        session.PostJsonAsync("openai/v1/chat/completions", JsonSerializer.Serialize(new { model = deployment, seed, messages = new[] { new { role = "user", content = question } } }));

    internal static async Task<JsonElement> AskAsync(EmulatorSession session, string deployment, string question, long? seed = null)
    {
        using var response = await SendAsync(session, deployment, question, seed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await EmulatorSession.ReadJsonAsync(response);
    }

    internal static string Content(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    private static async Task<List<string>> AnswersAsync(EmulatorSession session, IEnumerable<string> prompts, long seed)
    {
        var answers = new List<string>();
        foreach (var prompt in prompts)
        {
            answers.Add(Content(await AskAsync(session, "base", prompt, seed)));
        }

        return answers;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString();
}
