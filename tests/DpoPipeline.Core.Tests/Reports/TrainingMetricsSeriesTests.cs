using DpoPipeline.Core.Reports;
using Xunit;

namespace DpoPipeline.Core.Tests.Reports;

public sealed class TrainingMetricsSeriesTests
{
    [Fact]
    public void From_ResultCsv_KeepsEveryStepInOrder()
    {
        var series = TrainingMetricsSeries.From(SampleRun.ReadMetricsCsv().Reverse());

        Assert.Equal(309, series.Steps.Count);
        Assert.Equal(Enumerable.Range(1, 309), series.Steps.Select(s => s.Step));
        Assert.Equal(new TrainingStepMetrics(1, 3.63265, null, 0.5, null), series.Steps[0]);
        Assert.Equal(0.0, series.FinalTrainLoss);
        Assert.Equal(1.0, series.FinalTrainAccuracy);
        Assert.Null(series.FinalValidationLoss);
        Assert.Null(series.BestValidationStep);
    }

    [Fact]
    public void From_RepeatedStep_MergesWithoutLosingReportedValues()
    {
        var series = TrainingMetricsSeries.From(
        [
            new TrainingStepMetrics(10, 0.9, null, 0.6, null), // from the result CSV
            new TrainingStepMetrics(10, null, 0.8, null, 0.55), // from a checkpoint with validation metrics
            new TrainingStepMetrics(5, 1.2, 1.1, 0.5, 0.5),
        ]);

        Assert.Equal([new TrainingStepMetrics(5, 1.2, 1.1, 0.5, 0.5), new TrainingStepMetrics(10, 0.9, 0.8, 0.6, 0.55)], series.Steps);
        Assert.Equal(0.8, series.FinalValidationLoss);
        Assert.Equal(10, series.BestValidationStep!.Step);
    }

    [Fact]
    public void From_NonFiniteValues_AreTreatedAsMissing()
    {
        var series = TrainingMetricsSeries.From([new TrainingStepMetrics(1, double.NaN, double.PositiveInfinity, 0.5, null)]);

        Assert.Equal(new TrainingStepMetrics(1, null, null, 0.5, null), series.Steps[0]);
    }
}
