using System.Globalization;
using DpoPipeline.Core.Evaluation;
using ScottPlot;

namespace DpoPipeline.Core.Reports;

/// <summary>Draws the report's charts with ScottPlot. Each method returns null when there is no data to draw.</summary>
public static class RunReportCharts
{
    public const int Width = 800;
    public const int Height = 450;

    public static ReportChart? LossCurves(TrainingMetricsSeries? metrics)
    {
        if (metrics is null || metrics.Steps.All(s => s.TrainLoss is null && s.ValidationLoss is null))
        {
            return null;
        }

        using var plot = NewPlot("Training and validation loss", "Step", "Loss");
        AddLine(plot, metrics, s => s.TrainLoss, "Train loss", 0);
        AddLine(plot, metrics, s => s.ValidationLoss, "Validation loss", 1);
        plot.ShowLegend(Alignment.UpperRight);
        return Render(plot, "loss-curves.png", "Training and validation loss");
    }

    /// <summary>Every variant's curves in one chart: validation loss solid, train loss dashed, one colour per variant.</summary>
    public static ReportChart? SweepLossCurves(SweepReport? sweep)
    {
        if (sweep is null || sweep.Curves.All(c => c.Metrics.Steps.All(s => s.TrainLoss is null && s.ValidationLoss is null)))
        {
            return null;
        }

        using var plot = NewPlot("Sweep: loss curves of every variant", "Step", "Loss");
        for (var i = 0; i < sweep.Curves.Count; i++)
        {
            var curve = sweep.Curves[i];
            var name = $"v{curve.Index} ({curve.Label})";
            AddLine(plot, curve.Metrics, s => s.ValidationLoss, name + " validation", i);
            if (AddLine(plot, curve.Metrics, s => s.TrainLoss, name + " train", i) is { } train)
            {
                train.LinePattern = LinePattern.Dashed;
                train.LineWidth = 1;
            }
        }

        plot.ShowLegend(Alignment.UpperRight);
        return Render(plot, "sweep-loss-curves.png", "Sweep: loss curves of every variant");
    }

    public static ReportChart? LabelDistribution(EvaluationResult? evaluation)
    {
        if (evaluation is null || evaluation.BaseLabels.Total + evaluation.FineTunedLabels.Total == 0)
        {
            return null;
        }

        var labels = Enum.GetValues<AnswerLabel>();
        using var plot = NewPlot("Answer labels: base vs fine-tuned", "", "Answers");
        AddGroupedBars(plot, labels.Select(l => (double)evaluation.BaseLabels[l]).ToArray(), -0.2, "Base: " + evaluation.BaseDeployment, 0);
        AddGroupedBars(plot, labels.Select(l => (double)evaluation.FineTunedLabels[l]).ToArray(), 0.2, "Fine-tuned: " + evaluation.FineTunedDeployment, 1);
        plot.Axes.Bottom.SetTicks(labels.Select(l => (double)(int)l).ToArray(), labels.Select(ReportFormat.LabelName).ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return Render(plot, "label-distribution.png", "Answer labels: base vs fine-tuned");
    }

    public static ReportChart? TokenLengths(IReadOnlyList<TokenHistogram> histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        if (histograms.All(h => h.Examples == 0))
        {
            return null;
        }

        using var plot = NewPlot("Token lengths", "Tokens", "Examples");
        // Outlines (staircases) rather than filled bars, so overlapping distributions stay readable.
        for (var i = 0; i < histograms.Count; i++)
        {
            var bins = histograms[i].Bins;
            if (bins.Count == 0)
            {
                continue;
            }

            // Closed at both ends: up from zero at the first bin, down to zero after the last.
            var xs = bins.Select(b => (double)b.From).Prepend(bins[0].From).Append(bins[^1].To).ToArray();
            var ys = bins.Select(b => (double)b.Count).Prepend(0).Append(0).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, Colors.Category10[i % Colors.Category10.Length]);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2.5f;
            line.LegendText = histograms[i].Name;
        }

        plot.Axes.SetLimitsY(0, histograms.SelectMany(h => h.Bins).Max(b => b.Count) * 1.1);
        plot.ShowLegend(Alignment.UpperRight);
        return Render(plot, "token-lengths.png", "Token lengths");
    }

    public static ReportChart? Timeline(IReadOnlyList<RunPhaseEntry> timeline, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var spans = ReportFormat.PhaseSpans(timeline, end);
        if (spans.Count == 0)
        {
            return null;
        }

        var start = spans[0].Start;
        var totalHours = Math.Max((spans[^1].End - start).TotalHours, 1.0 / 60);
        using var plot = NewPlot("Run timeline", "Hours since start", "");
        var bars = spans.Select((span, i) => new Bar
        {
            Position = spans.Count - 1 - i,
            ValueBase = (span.Start - start).TotalHours,

            // Instant phases still get a sliver, so every phase is visible.
            Value = Math.Max((span.End - start).TotalHours, (span.Start - start).TotalHours + (totalHours / 200)),
            FillColor = Colors.Category10[i % Colors.Category10.Length],
            Orientation = Orientation.Horizontal,
            Size = 0.6,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Left.SetTicks(
            spans.Select((_, i) => (double)(spans.Count - 1 - i)).ToArray(),
            spans.Select(s => s.Phase).ToArray());
        return Render(plot, "timeline.png", "Run timeline");
    }

    public static ReportChart? Cost(RunCostSummary? cost)
    {
        if (cost is null)
        {
            return null;
        }

        var values = new List<(string Label, long Tokens)> { ("Estimated", cost.EstimatedTrainingTokens) };
        if (cost.BilledTrainingTokens is { } billed)
        {
            values.Add(("Billed", billed));
        }

        using var plot = NewPlot("Training tokens: estimate vs billed", "", "Tokens");
        var bars = values.Select((v, i) => new Bar
        {
            Position = i,
            Value = v.Tokens,
            FillColor = Colors.Category10[i],
            Label = v.Tokens.ToString("N0", CultureInfo.InvariantCulture),
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(values.Select((_, i) => (double)i).ToArray(), values.Select(v => v.Label).ToArray());
        plot.Axes.Margins(bottom: 0, top: 0.15);
        return Render(plot, "cost.png", "Training tokens: estimate vs billed");
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    private static ScottPlot.Plottables.Scatter? AddLine(
        Plot plot, TrainingMetricsSeries metrics, Func<TrainingStepMetrics, double?> value, string name, int colorIndex)
    {
        var points = metrics.Steps.Where(s => value(s) is not null).ToList();
        if (points.Count == 0)
        {
            return null;
        }

        var line = plot.Add.ScatterLine(
            points.Select(s => (double)s.Step).ToArray(), points.Select(s => value(s)!.Value).ToArray(), Colors.Category10[colorIndex % Colors.Category10.Length]);
        line.LegendText = name;
        line.LineWidth = 2;
        line.MarkerSize = points.Count <= 30 ? 5 : 0;
        return line;
    }

    private static void AddGroupedBars(Plot plot, double[] values, double offset, string name, int colorIndex)
    {
        var color = Colors.Category10[colorIndex];
        var bars = values.Select((v, i) => new Bar
        {
            Position = i + offset,
            Value = v,
            Size = 0.4,
            FillColor = color,
            Label = v.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.LegendText = name;
        plottable.Color = color;
    }

    private static ReportChart Render(Plot plot, string fileName, string title) =>
        new(fileName, title, plot.GetImageBytes(Width, Height, ImageFormat.Png), Width, Height);
}
