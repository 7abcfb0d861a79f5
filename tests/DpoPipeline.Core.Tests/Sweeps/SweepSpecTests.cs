using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Sweeps;
using Xunit;

namespace DpoPipeline.Core.Tests.Sweeps;

public sealed class SweepSpecTests
{
    [Fact(Timeout = 10_000)]
    public void ParseAssignments_BetaAndLr_ExpandToTheirCartesianProductFirstAxisOutermost()
    {
        var spec = SweepSpec.ParseAssignments(["beta=0.05,0.1,0.2", "lr=0.5,1"]);

        var variants = spec.Expand(new DpoHyperparameters { Epochs = 2 });

        Assert.Equal(6, spec.VariantCount);
        Assert.Equal([1, 2, 3, 4, 5, 6], variants.Select(v => v.Index));
        Assert.Equal(
            ["beta=0.05, lr=0.5", "beta=0.05, lr=1", "beta=0.1, lr=0.5", "beta=0.1, lr=1", "beta=0.2, lr=0.5", "beta=0.2, lr=1"],
            variants.Select(v => v.Label));
        Assert.Equal(new DpoHyperparameters { Beta = 0.1, LearningRateMultiplier = 1, Epochs = 2 }, variants[3].Hyperparameters);
        Assert.Empty(spec.Check(6));
    }

    [Fact(Timeout = 10_000)]
    public void Parse_AcceptsEveryAliasOfEachParameter()
    {
        var spec = SweepSpec.Parse(
        [
            new("learningRateMultiplier", [0.5]), new("EPOCHS", [1, 2]), new("batch_size", [4]), new("beta", [0.1]),
        ]);

        Assert.Equal(
            [SweepParameter.LearningRateMultiplier, SweepParameter.Epochs, SweepParameter.BatchSize, SweepParameter.Beta],
            spec.Axes.Select(a => a.Parameter));
        Assert.Equal(new DpoHyperparameters { Beta = 0.1, LearningRateMultiplier = 0.5, Epochs = 2, BatchSize = 4 }, spec.Expand(new())[1].Hyperparameters);
    }

    [Fact(Timeout = 10_000)]
    public void Check_MoreVariantsThanTheLimit_NamesTheCountAndTheSetting()
    {
        var spec = SweepSpec.ParseAssignments(["beta=0.05,0.1,0.2,0.4", "lr=0.5,1"]);

        var problem = Assert.Single(spec.Check(6));

        Assert.Equal(
            "sweep: 8 variants (4 beta × 2 lr) exceed the limit of 6 (Pipeline__MaxSweepVariants); drop some values or raise the setting.", problem);
    }

    [Fact(Timeout = 10_000)]
    public void ParseAssignments_UnknownParameter_NamesItAndTheKnownOnes()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpec.ParseAssignments(["gamma=1,2"]));

        Assert.Equal("sweep: unknown parameter 'gamma'; use beta, lr (learningRateMultiplier), epochs, batchSize.", Assert.Single(error.Problems));
    }

    [Fact(Timeout = 10_000)]
    public void ParseAssignments_BadValues_ListsEveryProblemAtOnce()
    {
        var notNumber = Assert.Throws<SweepSpecException>(() => SweepSpec.ParseAssignments(["beta=0.1,abc", "lr"]));
        Assert.Equal(
            ["--sweep 'beta=0.1,abc': 'abc' is not a number.", "--sweep 'lr': expected NAME=V1,V2,… (e.g. beta=0.05,0.1,0.2)."],
            notNumber.Problems);

        var outOfRange = Assert.Throws<SweepSpecException>(() => SweepSpec.ParseAssignments(["beta=0,3", "epochs=1.5", "lr=1,1"]));
        Assert.Equal(
            [
                "sweep: beta: beta must be in (0, 2], was 0.",
                "sweep: beta: beta must be in (0, 2], was 3.",
                "sweep: epochs must be a whole number, was 1.5.",
                "sweep: lr repeats a value.",
            ],
            outOfRange.Problems);
    }

    [Fact(Timeout = 10_000)]
    public void Parse_SameParameterTwiceOrNone_IsRefused()
    {
        Assert.Equal(
            "sweep: lr is named more than once.",
            Assert.Single(Assert.Throws<SweepSpecException>(() => SweepSpec.Parse([new("lr", [1]), new("learningRateMultiplier", [2])])).Problems));
        Assert.StartsWith(
            "sweep: name at least one parameter",
            Assert.Single(Assert.Throws<SweepSpecException>(() => SweepSpec.Parse([])).Problems),
            StringComparison.Ordinal);
    }
}
