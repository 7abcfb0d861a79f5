using DpoPipeline.Core.FineTuning;
using DpoPipeline.Workflow.Activities;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Tests;

/// <summary>A sweep named in a sidecar or request body: expanded, bounded and priced as a whole before anything is paid.</summary>
public sealed class SweepOptionsTests
{
    private static readonly PipelineOptions Limits = new() { Epochs = 2, AllowedDeploymentSkus = "developertier,standard", DeploymentSku = "standard" };

    [Fact(Timeout = 10_000)]
    public void A_sidecar_sweep_expands_into_one_variant_per_combination_over_the_runs_hyperparameters()
    {
        var options = RunOptionsResolver.Resolve(
            Limits, RunOverrides.Parse("""{ "batchSize": 4, "sweep": { "beta": [0.05, 0.1, 0.2], "learningRateMultiplier": [0.5, 1] } }""", "sidecar"));

        var sweep = Assert.IsType<RunSweep>(options.Sweep);
        Assert.Equal(6, sweep.Variants.Count);
        Assert.Equal(new DpoHyperparameters { Beta = 0.2, LearningRateMultiplier = 1, BatchSize = 4, Epochs = 2 }, sweep.Variants[5].Hyperparameters);
        Assert.Equal("beta=0.2, lr=1", sweep.Variants[5].Label);
        Assert.Equal("developertier", sweep.MeasurementSku);
    }

    [Fact(Timeout = 10_000)]
    public void Without_developer_tier_allowed_variants_are_measured_on_the_runs_own_sku()
    {
        var options = RunOptionsResolver.Resolve(
            new PipelineOptions { AllowedDeploymentSkus = "standard", DeploymentSku = "standard" }, new RunOverrides { Sweep = new() { ["lr"] = [0.5, 1] } });

        Assert.Equal("standard", options.Sweep!.MeasurementSku);
    }

    [Fact(Timeout = 10_000)]
    public void A_sweep_over_the_variant_limit_is_refused_naming_the_count_and_the_setting()
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsResolver.Resolve(
            new PipelineOptions { MaxSweepVariants = 4 }, RunOverrides.Parse("""{ "sweep": { "beta": [0.05, 0.1, 0.2], "lr": [0.5, 1] } }""", "sidecar")));

        Assert.Equal(
            "sweep: 6 variants (3 beta × 2 lr) exceed the limit of 4 (Pipeline__MaxSweepVariants); drop some values or raise the setting.",
            Assert.Single(error.Problems));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("""{ "sweep": { "gamma": [1, 2] } }""", "sweep: unknown parameter 'gamma'; use beta, lr (learningRateMultiplier), epochs, batchSize.")]
    [InlineData("""{ "sweep": { "beta": [0.1, 5] } }""", "sweep: beta: beta must be in (0, 2], was 5.")]
    [InlineData("""{ "sweep": { "epochs": [1.5] } }""", "sweep: epochs must be a whole number, was 1.5.")]
    [InlineData("""{ "sweep": { "beta": [] } }""", "sweep: beta has no values.")]
    public void A_sweep_with_an_unknown_parameter_or_a_bad_value_is_refused_with_the_reason(string sidecar, string problem)
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsResolver.Resolve(Limits, RunOverrides.Parse(sidecar, "sidecar")));

        Assert.Equal(problem, Assert.Single(error.Problems));
    }

    [Fact(Timeout = 10_000)]
    public async Task The_estimate_of_a_sweep_covers_every_variants_training_its_measurement_and_the_winners_hosting()
    {
        var single = await new EstimateCost().RunAsync(
            new CostEstimateRequest("gpt-4.1-mini-2025-04-14", 1_000_000, 2, "standard", 1, TimeSpan.FromHours(24)), TestContext.Current.CancellationToken);

        var sweep = await new EstimateCost().RunAsync(
            new CostEstimateRequest("gpt-4.1-mini-2025-04-14", 1_000_000, 2, "standard", 1, TimeSpan.FromHours(24), SweepEpochs: [2, 2, 2], MeasurementSku: "standard"),
            TestContext.Current.CancellationToken);

        Assert.Equal(3, sweep.Variants);
        Assert.Equal(3 * single.TrainingUsd, sweep.TrainingUsd - sweep.MeasurementUsd);
        Assert.True(sweep.MeasurementUsd > 0);
        Assert.Equal(single.HostingUsd, sweep.HostingUsd);
        Assert.Equal((3 * single.TrainingUsd) + sweep.MeasurementUsd + single.HostingUsd, sweep.EstimatedUsd);
        Assert.Equal(3 * single.BillableTokens, sweep.BillableTokens);
    }
}
