using DpoPipeline.Contract.Tests.Emulated;
using DpoPipeline.Core.Datasets.Sft;
using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Contract.Tests.FineTuning;

/// <summary>
/// The fine-tuning client's SFT stage and the base-model resolution against the emulator: one SFT job per run, never
/// taken for the run's DPO job and the other way round; fine-tuned models and earlier runs resolve to a fine-tunable
/// model of a known family, and what the service cannot fine-tune is refused with a code.
/// </summary>
public sealed class ContinuousFineTuningContractTests
{
    private const string Base = "gpt-4.1-mini-2025-04-14";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    [Fact(Timeout = 120_000)]
    public async Task A_runs_sft_job_is_created_once_and_its_dpo_job_is_a_second_job_on_the_sft_model()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var sftFile = await UploadSftAsync(azure);
        var sftRequest = new SftJobRequest { RunId = "run-sft-1", Model = Base, TrainingFileId = sftFile, Epochs = 1 };

        var sft = await azure.FineTuning.CreateSftJobAsync(sftRequest, TestContext.Current.CancellationToken);
        var replayed = await azure.FineTuning.CreateSftJobAsync(sftRequest, TestContext.Current.CancellationToken);
        Assert.Equal(sft.Id, replayed.Id);
        Assert.Equal("supervised", sft.Method?.Type);
        Assert.True(RunJobTag.IsSftStage(sft));
        Assert.Null(await azure.FineTuning.FindRunJobAsync("run-sft-1", TestContext.Current.CancellationToken));
        var sftModel = (await azure.WaitForJobAsync(sft.Id, j => j.Status.IsTerminal())).FineTunedModel!;

        var dpoFile = await UploadDpoAsync(azure);
        var dpo = await azure.FineTuning.CreateDpoJobAsync(
            new DpoJobRequest { RunId = "run-sft-1", Model = sftModel, TrainingFileId = dpoFile }, TestContext.Current.CancellationToken);

        Assert.NotEqual(sft.Id, dpo.Id);
        Assert.Equal(sftModel, dpo.Model);
        Assert.Equal(2, azure.Emulator.State.JobsCreated);
        Assert.Equal(sft.Id, (await azure.FineTuning.FindRunSftJobAsync("run-sft-1", TestContext.Current.CancellationToken))!.Id);
        Assert.Equal(dpo.Id, (await azure.FineTuning.FindRunJobAsync("run-sft-1", TestContext.Current.CancellationToken))!.Id);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_fine_tuned_model_and_the_run_that_made_it_resolve_to_that_model_of_its_catalogue_family()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var dpoFile = await UploadDpoAsync(azure);
        var job = await azure.FineTuning.CreateDpoJobAsync(
            new DpoJobRequest { RunId = "dpo-earlier-0123456789abcdef", Model = Base, TrainingFileId = dpoFile }, TestContext.Current.CancellationToken);
        var model = (await azure.WaitForJobAsync(job.Id, j => j.Status.IsTerminal())).FineTunedModel!;

        var byModel = await BaseModelResolver.ResolveAsync(azure.FineTuning, model, TestContext.Current.CancellationToken);
        var byRun = await BaseModelResolver.ResolveAsync(azure.FineTuning, "dpo-earlier-0123456789abcdef", TestContext.Current.CancellationToken);
        var catalogue = await BaseModelResolver.ResolveAsync(azure.FineTuning, Base, TestContext.Current.CancellationToken);

        Assert.Equal(new ResolvedBaseModel(model, model, Base, IsFineTuned: true), byModel);
        Assert.Equal(new ResolvedBaseModel("dpo-earlier-0123456789abcdef", model, Base, IsFineTuned: true, FromRun: "dpo-earlier-0123456789abcdef"), byRun);
        Assert.Equal(new ResolvedBaseModel(Base, Base, Base, IsFineTuned: false), catalogue);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("gpt-4o-2024-11-20", BaseModelException.NotFineTunable)]
    [InlineData("gpt-4.1-mini-2025-04-14.ft-0123456789abcdef0123456789abcdef", BaseModelException.NotFound)]
    [InlineData("dpo-nothing-here-0123456789abcdef", BaseModelException.NotFound)]
    public async Task A_model_the_service_cannot_fine_tune_is_refused_with_its_reason(string requested, string code)
    {
        await using var azure = await EmulatedAzure.StartAsync();

        var refused = await Assert.ThrowsAsync<BaseModelException>(
            () => BaseModelResolver.ResolveAsync(azure.FineTuning, requested, TestContext.Current.CancellationToken));

        Assert.Equal(code, refused.Code);
        Assert.Contains(requested, refused.Message, StringComparison.Ordinal);
    }

    private static async Task<string> UploadSftAsync(EmulatedAzure azure)
    {
        using var sft = new MemoryStream();
        await using (var dpo = DpoData.OpenTraining())
        {
            await SftDataDeriver.DeriveAsync(dpo, sft, TestContext.Current.CancellationToken);
        }

        sft.Position = 0;
        var file = await azure.FineTuning.UploadFileAsync(sft, "sft-train.jsonl", TestContext.Current.CancellationToken);
        await azure.RunAsync(token => azure.FineTuning.WaitForFileProcessedAsync(file.Id, Poll, Patience, token));
        return file.Id;
    }

    private static async Task<string> UploadDpoAsync(EmulatedAzure azure)
    {
        await using var content = DpoData.OpenTraining();
        var file = await azure.FineTuning.UploadFileAsync(content, "train.jsonl", TestContext.Current.CancellationToken);
        await azure.RunAsync(token => azure.FineTuning.WaitForFileProcessedAsync(file.Id, Poll, Patience, token));
        return file.Id;
    }
}
