using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Core.Tests.Sft;

/// <summary>Fine-tuned model ids, SFT-stage job tags and the three-way verdict.</summary>
public sealed class StageAndModelIdTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini-2025-04-14", false)]
    [InlineData("gpt-4.1-mini-2025-04-14.ft-0123456789abcdef0123456789abcdef", "gpt-4.1-mini-2025-04-14", true)]
    [InlineData("gpt-4o-2024-08-06.ft-0123456789abcdef0123456789abcdef-my-suffix", "gpt-4o-2024-08-06", true)]
    public void A_fine_tuned_id_names_its_catalogue_root(string model, string root, bool fineTuned) =>
        Assert.Equal((root, fineTuned), (FineTunedModelId.RootOf(model), FineTunedModelId.IsFineTuned(model)));

    [Fact(Timeout = 30_000)]
    public void A_runs_sft_job_is_told_apart_from_its_dpo_job_by_stage_tag_or_by_suffix()
    {
        var sftByTag = new FineTuningJob { Id = "a", Metadata = new Dictionary<string, string> { ["dpo_run_id"] = "run-1", ["dpo_stage"] = "sft" } };
        var sftBySuffix = new FineTuningJob { Id = "b", AzureSuffix = RunJobTag.SftSuffixFor("run-1") };
        var dpo = new FineTuningJob { Id = "c", Metadata = new Dictionary<string, string> { ["dpo_run_id"] = "run-1" }, AzureSuffix = RunJobTag.SuffixFor("run-1") };

        Assert.Equal((true, true, false), (RunJobTag.MatchesSft(sftByTag, "run-1"), RunJobTag.MatchesSft(sftBySuffix, "run-1"), RunJobTag.MatchesSft(dpo, "run-1")));
        Assert.Equal((true, false), (RunJobTag.IsSftStage(sftByTag), RunJobTag.IsSftStage(dpo)));
        Assert.False(RunJobTag.MatchesSft(sftByTag, "run-2"));
        Assert.NotEqual(RunJobTag.SuffixFor("run-1"), RunJobTag.SftSuffixFor("run-1"));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(0.8, 0.62, 0.91, "Yes")]
    [InlineData(0.2, 0.08, 0.41, "No")]
    [InlineData(0.6, 0.35, 0.8, "Not shown")]
    [InlineData(null, null, null, "Unknown")]
    public void The_verdict_on_dpo_over_sft_reads_the_intervals_side_of_fifty_percent(double? rate, double? low, double? high, string verdict)
    {
        var row = new StageComparisonRow(StageComparison.SftDpo, StageComparison.Sft, "Judge", 40, rate, low, high);

        var comparison = StageComparison.Of(
            new StageComparisonRow(StageComparison.Sft, StageComparison.Base, "Judge", 40, 0.6, 0.45, 0.73),
            new StageComparisonRow(StageComparison.SftDpo, StageComparison.Base, "Judge", 40, 0.8, 0.65, 0.9),
            row);

        Assert.StartsWith(verdict + ":", comparison.Verdict, StringComparison.Ordinal);
        Assert.Equal(3, comparison.Rows.Count);
    }
}
