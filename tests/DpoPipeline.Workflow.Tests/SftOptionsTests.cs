using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Tests;

/// <summary>How a run asks for an SFT stage (sidecar, POST body, blob metadata), where its demonstration file may be, and its files' names.</summary>
public sealed class SftOptionsTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("""{ "sftFirst": true }""", true, null)]
    [InlineData("""{ "sftData": "demos.jsonl" }""", true, "demos.jsonl")]
    [InlineData("""{ "sftFirst": false }""", false, null)]
    [InlineData("""{ }""", false, null)]
    public void A_sidecar_asks_for_an_sft_stage_and_a_demonstration_file_implies_one(string sidecar, bool sftFirst, string? sftData)
    {
        var options = RunOptionsResolver.Resolve(new PipelineOptions(), RunOverrides.Parse(sidecar, "sidecar"));

        Assert.Equal((sftFirst, sftData), (options.SftFirst, options.SftData));
    }

    [Fact(Timeout = 30_000)]
    public void Blob_metadata_asks_for_an_sft_stage_with_dpo_sft_first()
    {
        var overrides = RunOverrides.FromMetadata(new Dictionary<string, string> { ["dpo_sft_first"] = "true", ["dpo_sft_data"] = "demos.jsonl" });

        Assert.Equal((true, "demos.jsonl"), (overrides.SftFirst, overrides.SftData));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("demos.jsonl", "https://acct.blob.core.windows.net/datasets/demos.jsonl")]
    [InlineData("sft/demos.jsonl", "https://acct.blob.core.windows.net/datasets/sft/demos.jsonl")]
    [InlineData("https://acct.blob.core.windows.net/datasets/other.jsonl", "https://acct.blob.core.windows.net/datasets/other.jsonl")]
    public void Sft_data_resolves_next_to_the_dataset_in_its_container(string sftData, string expected) =>
        Assert.Equal(new Uri(expected), SftDataLocation.Resolve(new Uri("https://acct.blob.core.windows.net/datasets/pairs.jsonl"), sftData));

    [Theory(Timeout = 30_000)]
    [InlineData("../runs/secret.jsonl")]
    [InlineData("https://acct.blob.core.windows.net/runs/x.jsonl")]
    [InlineData("https://other.blob.core.windows.net/datasets/x.jsonl")]
    public void Sft_data_outside_the_datasets_container_is_refused(string sftData)
    {
        var refused = Assert.Throws<RunOptionsException>(() => SftDataLocation.Resolve(new Uri("https://acct.blob.core.windows.net/datasets/pairs.jsonl"), sftData));

        Assert.StartsWith("sftData:", Assert.Single(refused.Problems), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public void On_azurite_the_container_follows_the_account_in_the_path()
    {
        var dataset = new Uri("http://127.0.0.1:10000/devstoreaccount1/datasets/pairs.jsonl");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/datasets/demos.jsonl"), SftDataLocation.Resolve(dataset, "demos.jsonl"));
        Assert.Throws<RunOptionsException>(() => SftDataLocation.Resolve(dataset, "../runs/x.jsonl"));
    }

    [Fact(Timeout = 30_000)]
    public void A_runs_sft_files_belong_to_it_and_name_it()
    {
        const string run = "dpo-pairs-0123456789abcdef";

        Assert.True(RunFileNames.BelongsTo(RunFileNames.SftTraining(run), run));
        Assert.True(RunFileNames.BelongsTo(RunFileNames.SftValidation(run), run));
        Assert.Equal(run, RunFileNames.RunIdOf(RunFileNames.SftTraining(run)));
        Assert.Equal(run, RunFileNames.RunIdOf(RunFileNames.SftValidation(run)));
        Assert.NotEqual(RunFileNames.Training(run), RunFileNames.SftTraining(run));
    }
}
