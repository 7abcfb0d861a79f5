using System.Text.Json;
using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Contract.Tests;

public sealed class FineTuningJobPayloadTests
{
    [Fact]
    public void Azure_dpo_job_reports_its_hyperparameters_under_method_with_beta_and_no_top_level_block()
    {
        var job = Job("azure-ftjob-dpo-create-201-pending-globalstandard.json");

        Assert.Equal(FineTuningJobStatus.Pending, job.Status);
        Assert.True(job.Method!.IsDpo);
        Assert.Null(job.Hyperparameters);
        var hyperparameters = job.EffectiveHyperparameters!;
        Assert.Equal(0.1, hyperparameters.Beta);
        Assert.Equal(0, hyperparameters.L2Multiplier);
        Assert.Equal(4, hyperparameters.BatchSize);
        Assert.Equal(1, hyperparameters.Epochs);
        Assert.Equal(0.0001, hyperparameters.LearningRateMultiplier);
        Assert.Equal("globalStandard", job.TrainingType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1771872502), job.EstimatedFinish);
    }

    [Fact]
    public void Azure_pending_job_omits_fields_instead_of_sending_null()
    {
        var job = Job("azure-ftjob-create-201-pending.json");

        Assert.Null(job.FineTunedModel);
        Assert.Null(job.ResultFiles);
        Assert.Null(job.FinishedAt);
        Assert.Null(job.Metadata);
        Assert.False(job.HasError);
        Assert.Matches("^ftjob-[0-9a-f]{32}$", job.Id);
    }

    [Fact]
    public void Azure_auto_hyperparameters_reported_as_minus_one_read_as_auto()
    {
        var hyperparameters = Job("azure-ftjob-create-201-pending.json").EffectiveHyperparameters!;

        Assert.Null(hyperparameters.Epochs);
        Assert.Null(hyperparameters.BatchSize);
        Assert.Equal(1, hyperparameters.LearningRateMultiplier);
    }

    [Fact]
    public void OpenAI_auto_hyperparameters_sent_as_strings_read_as_auto()
    {
        var hyperparameters = Job("openai-ftjob-failed.json").EffectiveHyperparameters!;

        Assert.Null(hyperparameters.Epochs);
        Assert.Null(hyperparameters.BatchSize);
        Assert.Null(hyperparameters.LearningRateMultiplier);
    }

    [Fact]
    public void OpenAI_empty_error_object_is_no_error_but_a_failed_job_carries_code_and_message()
    {
        Assert.False(Job("openai-ftjob-create-validating_files.json").HasError);

        var failed = Job("openai-ftjob-failed.json");

        Assert.Equal(FineTuningJobStatus.Failed, failed.Status);
        Assert.True(failed.HasError);
        Assert.Equal("deleted_training_file", failed.Error!.Code);
        Assert.Equal("training_file", failed.Error.Param);
    }

    [Fact]
    public void Suffix_is_read_from_azure_suffix_and_from_openai_user_provided_suffix()
    {
        Assert.Equal("azure-ai-openai-integration-test", Job("azure-ftjob-get-succeeded-with-suffix.json").Suffix);
        Assert.Equal("TestFTJob", Job("openai-ftjob-create-validating_files.json").Suffix);
    }

    [Fact]
    public void Succeeded_azure_job_names_its_fine_tuned_model_and_result_file()
    {
        var job = Job("azure-ftjob-get-succeeded-with-suffix.json");

        Assert.Equal(FineTuningJobStatus.Succeeded, job.Status);
        Assert.True(job.Status.IsTerminal());
        Assert.Equal("gpt-35-turbo-0613.ft-53f9c10199f84dfea3ec772341862ff5-azure-ai-openai-integration-test", job.FineTunedModel);
        Assert.Equal(["file-e16ad7e5bff64d9ca2f6b00413efc872"], job.ResultFiles);
        Assert.Equal(12240, job.TrainedTokens);
    }

    [Theory]
    [InlineData("azure-ftjob-dpo-get-running-standard.json", FineTuningJobStatus.Running)]
    [InlineData("azure-ftjob-dpo-pause-200-pausing.json", FineTuningJobStatus.Pausing)]
    [InlineData("azure-ftjob-dpo-get-paused.json", FineTuningJobStatus.Paused)]
    [InlineData("azure-ftjob-dpo-resume-200-resuming.json", FineTuningJobStatus.Resuming)]
    [InlineData("azure-ftjob-dpo-cancel-200-cancelled.json", FineTuningJobStatus.Cancelled)]
    [InlineData("openai-ftjob-create-validating_files.json", FineTuningJobStatus.ValidatingFiles)]
    public void Every_recorded_status_name_maps_to_its_state(string name, FineTuningJobStatus expected) =>
        Assert.Equal(expected, Job(name).Status);

    [Fact]
    public void A_status_the_client_does_not_know_is_kept_raw_and_read_as_unknown()
    {
        var text = Payloads.Text("azure-ftjob-dpo-get-running-standard.json").Replace("\"running\"", "\"warming_up\"", StringComparison.Ordinal);

        var job = JsonSerializer.Deserialize(text, FineTuningJsonContext.Default.FineTuningJob)!;

        Assert.Equal(FineTuningJobStatus.Unknown, job.Status);
        Assert.Equal("warming_up", job.RawStatus);
        Assert.False(job.Status.IsTerminal());
    }

    [Fact]
    public void Job_list_pages_carry_has_more_and_every_job()
    {
        var azure = Page("azure-ftjob-list-page.json");
        var openAI = Page("openai-ftjob-list-page.json");

        Assert.True(azure.HasMore);
        Assert.Equal(20, azure.Data.Count);
        Assert.Contains(azure.Data, j => j.Method is null);
        Assert.True(openAI.HasMore);
        Assert.Equal(20, openAI.Data.Count);
    }

    [Fact]
    public void Events_without_data_and_with_warning_level_parse()
    {
        var page = JsonSerializer.Deserialize(Payloads.Read("azure-ftjob-events-page-v1-warning.json").ToMemory().Span,
            FineTuningJsonContext.Default.ListPageFineTuningEvent)!;

        Assert.False(page.HasMore);
        Assert.Equal(["warning", "info"], page.Data.Select(e => e.Level));
        Assert.All(page.Data, e => Assert.Null(e.Data));
    }

    [Fact]
    public void Checkpoint_metrics_accept_capital_exponents_integers_and_full_validation_values()
    {
        var azure = Checkpoints("azure-ftjob-checkpoints-page.json").Data[0];
        var withValid = Checkpoints("azure-ftjob-checkpoints-page-with-valid-metrics.json").Data[0];
        var openAI = Checkpoints("openai-ftjob-checkpoints-page.json");

        Assert.Equal(3.9462386780542147E-07, azure.Metrics!.TrainLoss);
        Assert.Equal(1, azure.Metrics.TrainMeanTokenAccuracy);
        Assert.Equal(99, azure.StepNumber);
        Assert.Equal(2.810666050630457, withValid.Metrics!.FullValidLoss);
        Assert.Equal("ftckpt_6OhgatTMpC0B68vrXbVcZp2V", openAI.LastId);
        Assert.Equal("supervised", openAI.Data[0].Metrics!.Other!["type"].GetString());
    }

    private static FineTuningJob Job(string name) =>
        JsonSerializer.Deserialize(Payloads.Read(name).ToMemory().Span, FineTuningJsonContext.Default.FineTuningJob)!;

    private static ListPage<FineTuningJob> Page(string name) =>
        JsonSerializer.Deserialize(Payloads.Read(name).ToMemory().Span, FineTuningJsonContext.Default.ListPageFineTuningJob)!;

    private static ListPage<FineTuningCheckpoint> Checkpoints(string name) =>
        JsonSerializer.Deserialize(Payloads.Read(name).ToMemory().Span, FineTuningJsonContext.Default.ListPageFineTuningCheckpoint)!;
}
