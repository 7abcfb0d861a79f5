using DpoPipeline.Core.Reports;
using Xunit;

namespace DpoPipeline.Core.Tests.Reports;

public sealed class SweepReportTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Render_Sweep_WritesTheVariantTableTheWinnersReasonAndOneOverlaidLossPng()
    {
        var steps = SampleRun.MetricsWithValidation();
        var data = SampleRun.Data() with
        {
            Sweep = new SweepReport(
                "highest win rate; ties by lower validation loss",
                "v2 (beta=0.1) won: the highest win rate against the base model, 90.0% (next: v1 at 40.0%).",
                [
                    new SweepReportRow
                    {
                        Index = 1, Label = "beta=0.05", State = "Succeeded", TrainedTokens = 12_000, FinalTrainLoss = 0.2, FinalValidationLoss = 0.31,
                        WinRate = 0.4, WinRateLow = 0.2, WinRateHigh = 0.6, SampleSize = 20, Judge = "judge-1", Service = "emulator (127.0.0.1)",
                        Emulated = true, EstimatedCostUsd = 0.26m,
                    },
                    new SweepReportRow
                    {
                        Index = 2, Label = "beta=0.1", State = "Succeeded", TrainedTokens = 12_000, FinalTrainLoss = 0.1, FinalValidationLoss = 0.21,
                        WinRate = 0.9, WinRateLow = 0.7, WinRateHigh = 0.97, SampleSize = 20, Judge = "judge-1", Service = "emulator (127.0.0.1)",
                        Emulated = true, EstimatedCostUsd = 0.27m, Winner = true,
                    },
                    new SweepReportRow { Index = 3, Label = "beta=0.2", State = "Failed", Error = "The fine-tuning job failed." },
                ],
                [new SweepCurve(1, "beta=0.05", TrainingMetricsSeries.From(steps)), new SweepCurve(2, "beta=0.1", TrainingMetricsSeries.From(steps.Select(s => s with { TrainLoss = s.TrainLoss / 2 })))]),
        };

        var report = await new RunReportRenderer().RenderAsync(data, new FolderReportSink(_folder.Path), TestContext.Current.CancellationToken);

        Assert.Equal("charts/sweep-loss-curves.png", report.Charts[0].Name);
        var png = PngImage.Decode(await File.ReadAllBytesAsync(_folder.Combine("charts/sweep-loss-curves.png"), TestContext.Current.CancellationToken));
        Assert.True(png.InkFraction > 0.02);
        var markdown = await File.ReadAllTextAsync(_folder.Combine(RunReportRenderer.MarkdownName), TestContext.Current.CancellationToken);
        Assert.Contains("## Sweep", markdown, StringComparison.Ordinal);
        Assert.Contains("Winner: v2 (beta=0.1) won: the highest win rate against the base model, 90.0%", markdown, StringComparison.Ordinal);
        Assert.Contains(
            "| v2 (winner) | beta=0.1 | Succeeded | 12,000 | 0.1000 | 0.2100 | 90.0% | 70.0% – 97.0% | EMULATED emulator (127.0.0.1); judge judge-1; 20 pairs | $0.27 |",
            markdown,
            StringComparison.Ordinal);
        Assert.Contains("| v3 | beta=0.2 | Failed: The fine-tuning job failed. | n/a |", markdown, StringComparison.Ordinal);
        Assert.Contains("![Sweep: loss curves of every variant](charts/sweep-loss-curves.png)", markdown, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(_folder.Combine(RunReportRenderer.HtmlName), TestContext.Current.CancellationToken);
        Assert.Contains("<h2>Sweep</h2>", html, StringComparison.Ordinal);
    }
}
