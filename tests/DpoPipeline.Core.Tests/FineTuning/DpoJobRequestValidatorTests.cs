using DpoPipeline.Core.FineTuning;
using Xunit;

namespace DpoPipeline.Core.Tests.FineTuning;

public sealed class DpoJobRequestValidatorTests
{
    private static readonly DpoJobRequest Valid = new()
    {
        RunId = "run-42",
        Model = "gpt-4.1-mini-2025-04-14",
        TrainingFileId = "file-1",
        ValidationFileId = "file-2",
        Seed = 42,
        Hyperparameters = new DpoHyperparameters { Beta = 0.1, BatchSize = 1, LearningRateMultiplier = 1.0, Epochs = 3 },
    };

    [Fact]
    public void A_request_within_the_documented_ranges_is_valid() => Assert.Empty(DpoJobRequestValidator.Validate(Valid));

    [Fact]
    public void Auto_hyperparameters_are_valid() =>
        Assert.Empty(DpoJobRequestValidator.Validate(Valid with { Hyperparameters = new DpoHyperparameters() }));

    [Theory]
    [InlineData(2.0, 256, 50)]
    [InlineData(0.0001, 1, 1)]
    public void Range_edges_are_accepted(double beta, int batch, int epochs) =>
        Assert.Empty(DpoJobRequestValidator.Validate(Valid with
        {
            Hyperparameters = new DpoHyperparameters { Beta = beta, BatchSize = batch, Epochs = epochs, LearningRateMultiplier = 0.01 },
        }));

    [Theory]
    [InlineData(0.0, null, null, null, "beta")]
    [InlineData(2.01, null, null, null, "beta")]
    [InlineData(null, 0, null, null, "batch_size")]
    [InlineData(null, 257, null, null, "batch_size")]
    [InlineData(null, null, 0.0, null, "learning_rate_multiplier")]
    [InlineData(null, null, -1.0, null, "learning_rate_multiplier")]
    [InlineData(null, null, null, 0, "n_epochs")]
    [InlineData(null, null, null, 51, "n_epochs")]
    public void Out_of_range_hyperparameters_are_named(double? beta, int? batch, double? lr, int? epochs, string name)
    {
        var problems = DpoJobRequestValidator.Validate(Valid with
        {
            Hyperparameters = new DpoHyperparameters { Beta = beta, BatchSize = batch, LearningRateMultiplier = lr, Epochs = epochs },
        });

        Assert.StartsWith(name, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a-suffix-that-is-far-too-long-for-azure-openai")]
    [InlineData("")]
    public void Suffix_must_fit_azures_rules(string suffix) =>
        Assert.StartsWith("suffix", Assert.Single(DpoJobRequestValidator.Validate(Valid with { Suffix = suffix })), StringComparison.Ordinal);

    [Fact]
    public void Metadata_run_tag_must_not_contradict_the_run_id() =>
        Assert.Contains("dpo_run_id", Assert.Single(DpoJobRequestValidator.Validate(Valid with
        {
            Metadata = new Dictionary<string, string> { ["dpo_run_id"] = "other-run" },
        })), StringComparison.Ordinal);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var request = Valid with { Model = " ", TrainingFileId = "", Seed = -1, Hyperparameters = new DpoHyperparameters { Beta = 5 } };

        var error = Assert.Throws<ArgumentException>(() => DpoJobRequestValidator.EnsureValid(request));

        Assert.Equal(4, DpoJobRequestValidator.Validate(request).Count);
        Assert.Contains("Model is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("seed", error.Message, StringComparison.Ordinal);
    }
}
