using System.Net;
using System.Text;
using DpoPipeline.Core.Datasets.Sft;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

/// <summary>
/// SFT jobs, the models endpoint, and fine-tuning a fine-tuned model (continuous fine-tuning), as the service does them;
/// the ground truth of a model trained by SFT and then DPO is its own configurable rate.
/// </summary>
public sealed class ContinuousFineTuningTests
{
    private const string BaseModel = "gpt-4.1-mini-2025-04-14";
    private const string Question = "Will AI lead to mass unemployment in the future?";
    private const string Chosen = "AI will create new job opportunities and enhance productivity across various sectors.";
    private const string Rejected = "AI's advancement will result in significant job losses and economic disruption.";
    private const string Supervised = ""","method":{"type":"supervised","supervised":{"hyperparameters":{"n_epochs":1}}}""";
    private const string Dpo = ""","method":{"type":"dpo","dpo":{"hyperparameters":{"n_epochs":1}}}""";

    [Fact(Timeout = 60_000)]
    public async Task SftJob_ThenDpoJobOnItsModel_BothSucceedAndTheSecondNamesTheCatalogueRoot()
    {
        await using var session = await EmulatorSession.StartAsync();
        var sftModel = await TrainSftAsync(session);

        var described = await session.GetJsonAsync($"openai/v1/models/{sftModel}");
        Assert.True(described.GetProperty("capabilities").GetProperty("fine_tune").GetBoolean());
        Assert.Equal(BaseModel, described.GetProperty("model").GetString());
        Assert.StartsWith("ftjob-", described.GetProperty("fine_tune").GetString(), StringComparison.Ordinal);

        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        using var create = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", $$"""{"model":"{{sftModel}}","training_file":"{{file}}","suffix":"dpo"{{Dpo}}}""");
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var job = await EmulatorSession.ReadJsonAsync(create);
        Assert.Equal(sftModel, job.GetProperty("model").GetString());
        var done = await session.AdvanceUntilJobStatusAsync(job.GetProperty("id").GetString()!, "succeeded");
        var dpoModel = done.GetProperty("fine_tuned_model").GetString()!;
        Assert.Matches($"^{Regex(BaseModel)}\\.ft-[0-9a-f]{{32}}-dpo$", dpoModel);
        Assert.Equal(sftModel, (await session.GetJsonAsync($"openai/v1/models/{dpoModel}")).GetProperty("model").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Models_ListCatalogueAndFineTunedModels_WithFineTuneCapability()
    {
        await using var session = await EmulatorSession.StartAsync();
        var sftModel = await TrainSftAsync(session);

        var models = (await session.GetJsonAsync("openai/models")).GetProperty("data").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("capabilities").GetProperty("fine_tune").GetBoolean());

        Assert.True(models[BaseModel]);
        Assert.True(models[sftModel]);
        Assert.False(models["gpt-4o-2024-11-20"]);
        using var unknown = await session.Http.GetAsync("openai/v1/models/gpt-4.1-mini-2025-04-14.ft-00000000000000000000000000000000", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("gpt-4o-2024-11-20")]
    [InlineData("gpt-4.1-mini-2025-04-14.ft-00000000000000000000000000000000")]
    public async Task Job_OnAModelThatCannotBeFineTuned_IsRefusedWithTheServiceError(string model)
    {
        await using var session = await EmulatorSession.StartAsync();
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);

        using var response = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", $$"""{"model":"{{model}}","training_file":"{{file}}"{{Dpo}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EmulatorSession.ReadJsonAsync(response)).GetProperty("error");
        Assert.Equal("The specified base model does not support fine-tuning.", error.GetProperty("message").GetString());
        Assert.Equal(0, session.Emulator.State.JobsCreated);
    }

    [Fact(Timeout = 60_000)]
    public async Task Deployments_OfSftAndOfSftThenDpoModels_AnswerAtTheirOwnRates()
    {
        await using var session = await EmulatorSession.StartAsync(o => (o.Models.Sft.PreferenceRate, o.Models.SftDpo.PreferenceRate, o.Models.Dpo.PreferenceRate) = (0, 1, 0));
        var sftModel = await TrainSftAsync(session);
        var file = await session.UploadProcessedAsync(EmulatorSession.DpoTrainingFile);
        using var create = await session.PostJsonAsync("openai/v1/fine_tuning/jobs", $$"""{"model":"{{sftModel}}","training_file":"{{file}}"{{Dpo}}}""");
        var id = (await EmulatorSession.ReadJsonAsync(create)).GetProperty("id").GetString()!;
        var dpoModel = (await session.AdvanceUntilJobStatusAsync(id, "succeeded")).GetProperty("fine_tuned_model").GetString()!;
        await ChatCompletionTests.DeployAndWaitAsync(session, "sft", sftModel);
        await ChatCompletionTests.DeployAndWaitAsync(session, "sft-dpo", dpoModel);

        Assert.Equal(Rejected, ChatCompletionTests.Content(await ChatCompletionTests.AskAsync(session, "sft", Question)));
        Assert.Equal(Chosen, ChatCompletionTests.Content(await ChatCompletionTests.AskAsync(session, "sft-dpo", Question)));
    }

    [Fact(Timeout = 60_000)]
    public async Task SftUpload_EndingInAUserTurn_EndsInErrorWithTheLine()
    {
        await using var session = await EmulatorSession.StartAsync();
        var lines = Enumerable.Range(0, 12).Select(i => $$"""{"messages":[{"role":"user","content":"q{{i}}"},{"role":"assistant","content":"a{{i}}"}]}""").ToList();
        lines[3] = """{"messages":[{"role":"user","content":"q3"}]}""";
        using var upload = await session.UploadAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines)), "sft.jsonl");
        var id = (await EmulatorSession.ReadJsonAsync(upload)).GetProperty("id").GetString()!;
        session.Advance(session.Options.Durations.FileProcessing);

        var file = await session.GetJsonAsync($"openai/v1/files/{id}");

        Assert.Equal("error", file.GetProperty("status").GetString());
        Assert.Contains("Line #3", file.GetProperty("status_details").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Uploads SFT data derived from the DPO training file, trains a supervised job to success, returns its model.</summary>
    private static async Task<string> TrainSftAsync(EmulatorSession session)
    {
        var sftPath = Path.Combine(Path.GetTempPath(), $"sft-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var source = File.OpenRead(EmulatorSession.DpoTrainingFile))
            await using (var target = File.Create(sftPath))
            {
                await SftDataDeriver.DeriveAsync(source, target, TestContext.Current.CancellationToken);
            }

            var file = await session.UploadProcessedAsync(sftPath);
            Assert.Equal("processed", (await session.GetJsonAsync($"openai/v1/files/{file}")).GetProperty("status").GetString());
            var id = (await session.CreateJobAsync(file, ""","suffix":"sft" """ + Supervised)).GetProperty("id").GetString()!;
            var job = await session.AdvanceUntilJobStatusAsync(id, "succeeded");
            Assert.Equal("supervised", job.GetProperty("method").GetProperty("type").GetString());
            return job.GetProperty("fine_tuned_model").GetString()!;
        }
        finally
        {
            File.Delete(sftPath);
        }
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

}
