using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Core.Tests.FineTuning;

public sealed class RunJobTagTests
{
    [Fact]
    public void A_short_clean_run_id_is_its_own_suffix() => Assert.Equal("run-2026-11-30_a", RunJobTag.SuffixFor("run-2026-11-30_a"));

    [Theory]
    [InlineData("a run/with spaces:and:colons")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e-0f8fad5b-d9cb-469f")]
    public void Other_run_ids_give_a_deterministic_valid_suffix(string runId)
    {
        var suffix = RunJobTag.SuffixFor(runId);

        Assert.Equal(suffix, RunJobTag.SuffixFor(runId));
        Assert.InRange(suffix.Length, 1, 40);
        Assert.Matches("^[A-Za-z0-9_-]+$", suffix);
    }

    [Fact]
    public void Long_run_ids_that_differ_only_at_the_end_keep_distinct_suffixes() =>
        Assert.NotEqual(RunJobTag.SuffixFor(new string('a', 60) + "1"), RunJobTag.SuffixFor(new string('a', 60) + "2"));

    [Fact]
    public void A_job_matches_its_run_by_metadata_or_by_suffix()
    {
        var byMetadata = new FineTuningJob { Id = "ftjob-1", Metadata = new Dictionary<string, string> { ["dpo_run_id"] = "run 7" } };
        var bySuffix = new FineTuningJob { Id = "ftjob-2", AzureSuffix = RunJobTag.SuffixFor("run 7") };
        var other = new FineTuningJob { Id = "ftjob-3", UserProvidedSuffix = "run-8" };

        Assert.True(RunJobTag.Matches(byMetadata, "run 7"));
        Assert.True(RunJobTag.Matches(bySuffix, "run 7"));
        Assert.False(RunJobTag.Matches(other, "run 7"));
    }
}
