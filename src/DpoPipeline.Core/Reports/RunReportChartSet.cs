namespace DpoPipeline.Core.Reports;

/// <summary>The charts of one report; a chart is null when its data is missing.</summary>
public sealed record RunReportChartSet(
    ReportChart? LossCurves, ReportChart? LabelDistribution, ReportChart? TokenLengths, ReportChart? Timeline, ReportChart? Cost, ReportChart? SweepLossCurves = null)
{
    public IEnumerable<ReportChart> All =>
        new[] { SweepLossCurves, LossCurves, LabelDistribution, TokenLengths, Timeline, Cost }.OfType<ReportChart>();

    public static RunReportChartSet For(RunReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new RunReportChartSet(
            RunReportCharts.LossCurves(data.TrainingMetrics),
            RunReportCharts.LabelDistribution(data.Evaluation),
            RunReportCharts.TokenLengths(data.TokenHistograms),
            RunReportCharts.Timeline(data.Timeline, data.GeneratedAt),
            RunReportCharts.Cost(data.Cost),
            RunReportCharts.SweepLossCurves(data.Sweep));
    }
}
