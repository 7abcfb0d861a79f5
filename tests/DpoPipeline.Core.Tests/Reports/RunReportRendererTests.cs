using System.Text.RegularExpressions;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Core.Reports;
using SkiaSharp;
using Xunit;

namespace DpoPipeline.Core.Tests.Reports;

public sealed class RunReportRendererTests : IDisposable
{
    private static readonly SKColor Blue = SKColor.Parse("#1f77b4");
    private static readonly SKColor Orange = SKColor.Parse("#ff7f0e");
    private static readonly SKColor Green = SKColor.Parse("#2ca02c");

    private readonly TemporaryFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();


    [Fact]
    public async Task Render_FullRun_WritesFiveRealChartPngs()
    {
        var report = await RenderAsync(SampleRun.Data());

        Assert.Equal(
            ["charts/loss-curves.png", "charts/label-distribution.png", "charts/token-lengths.png", "charts/timeline.png", "charts/cost.png"],
            report.Charts.Select(c => c.Name));
        foreach (var chart in report.Charts)
        {
            var bytes = await File.ReadAllBytesAsync(_folder.Combine(chart.Name), Token);
            Assert.True(PngImage.HasSignature(bytes), $"{chart.Name} is not a PNG");
            Assert.Equal((800, 450), PngImage.HeaderSize(bytes));
            Assert.Equal(bytes.Length, chart.Length);
            Assert.Equal("image/png", chart.ContentType);

            var image = PngImage.Decode(bytes);
            Assert.Equal((800, 450), (image.Width, image.Height));
            Assert.True(image.DistinctColours >= 8, $"{chart.Name} has only {image.DistinctColours} colours");
            Assert.True(image.InkFraction > 0.02, $"{chart.Name} is nearly blank ({image.InkFraction:P1} ink)");
        }
    }

    [Fact]
    public async Task Render_LossChart_DrawsTrainAndValidationCurvesFromTheMetrics()
    {
        var withValidation = await ChartAsync(SampleRun.Data(), "charts/loss-curves.png");
        var trainOnly = await ChartAsync(
            SampleRun.Data() with
            {
                TrainingMetrics = TrainingMetricsSeries.From(SampleRun.ReadMetricsCsv()),
            },
            "charts/loss-curves.png");

        Assert.True(withValidation.CountNear(Blue) > 500, "train loss curve missing");
        Assert.True(withValidation.CountNear(Orange) > 200, "validation loss curve missing");
        Assert.True(trainOnly.CountNear(Blue) > 500);
        Assert.True(trainOnly.CountNear(Orange) < 20, "a validation curve was drawn without validation data");
    }

    [Fact]
    public async Task Render_LabelChart_BarAreasFollowTheCounts()
    {
        var chart = await ChartAsync(SampleRun.Data(), "charts/label-distribution.png");

        // Base: 2 + 6 + 2 = 10 answers, fine-tuned 7 + 1 + 2 = 10: equal totals draw (almost) equal bar areas.
        var baseArea = chart.CountNear(Blue, 4);
        var fineTunedArea = chart.CountNear(Orange, 4);
        Assert.True(baseArea > 5_000, $"base bars cover only {baseArea} px");
        Assert.InRange(fineTunedArea / (double)baseArea, 0.9, 1.1);
    }

    [Fact]
    public async Task Render_TokenLengthChart_DrawsOneOutlinePerDatasetPart()
    {
        var data = SampleRun.Data();
        var three = await ChartAsync(data, "charts/token-lengths.png");
        var two = await ChartAsync(data with { TokenHistograms = data.TokenHistograms.Take(2).ToList() }, "charts/token-lengths.png");

        Assert.All(new[] { Blue, Orange, Green }, colour => Assert.True(three.CountNear(colour) > 300, $"no outline in {colour}"));
        Assert.True(two.CountNear(Green) < 20, "a third outline was drawn for two histograms");
    }

    [Fact]
    public async Task Render_Html_IsSelfContainedWithEmbeddedChartsAndNumbers()
    {
        var report = await RenderAsync(SampleRun.Data());
        var html = await File.ReadAllTextAsync(_folder.Combine("report.html"), Token);

        var embedded = Regex.Matches(html, "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").Select(m => m.Groups[1].Value).Order().ToList();
        var files = new List<string>();
        foreach (var chart in report.Charts)
        {
            files.Add(Convert.ToBase64String(await File.ReadAllBytesAsync(_folder.Combine(chart.Name), Token)));
        }

        Assert.Equal(5, embedded.Count);
        Assert.Equal(files.Order(), embedded);

        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);

        // Lexical proxy 5-3-2 and judge 7-1-2; the intervals are Wilson 95 % bounds computed by hand.
        Assert.Contains("<td>Lexical proxy (wording overlap, not quality)</td><td>5</td><td>3</td><td>2</td><td>62.5%</td><td>30.6% – 86.3%</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>7</td><td>1</td><td>2</td><td>87.5%</td><td>52.9% – 97.8%</td>", html, StringComparison.Ordinal);
        Assert.Contains("Fine-tuned win rate vs base: 87.5% (95% CI 52.9% – 97.8%", html, StringComparison.Ordinal);
        Assert.Contains("<td>Steps</td><td>309</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Final train loss</td><td>0.0000</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Billed training tokens</td><td>131,250</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Html_ContentsLinkEverySectionByAnIdOnThePage()
    {
        await RenderAsync(SampleRun.Data());
        var html = await File.ReadAllTextAsync(_folder.Combine("report.html"), Token);

        var links = Regex.Matches(html, "<a href=\"#([^\"]+)\">").Select(m => m.Groups[1].Value).ToList();
        var sections = Regex.Matches(html, "<section id=\"([^\"]+)\">").Select(m => m.Groups[1].Value).ToList();
        var headings = Regex.Matches(html, "<h2>").Count;

        Assert.Equal(headings, sections.Count);
        Assert.Equal(sections, links);
        Assert.Equal(sections.Count, sections.Distinct(StringComparer.Ordinal).Count());
        Assert.All(sections, id => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id));
    }

    [Fact]
    public async Task Render_Markdown_TablesCarryTheValuesAndLinkTheCharts()
    {
        await RenderAsync(SampleRun.Data());
        var markdown = await File.ReadAllTextAsync(_folder.Combine("report.md"), Token);

        Assert.StartsWith("# DPO run report: run-42\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| Lexical proxy (wording overlap, not quality) | 5 | 3 | 2 | 62.5% | 30.6% – 86.3% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| science | 6 | 4 | 1 | 1 | 80.0% | 37.6% – 96.4% | 100.0% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Preferred-like | 2 | 7 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Non-preferred-like | 6 | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Training | 2026-11-24 08:12:00Z | 5h 00m |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Billed vs estimate | 109.4% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| warning | duplicate\\_rows | 3 duplicate examples were removed. |", markdown, StringComparison.Ordinal);
        foreach (var chart in new[] { "loss-curves", "label-distribution", "token-lengths", "timeline", "cost" })
        {
            Assert.Matches($@"!\[[^\]]+\]\(charts/{chart}\.png\)", markdown);
        }
    }

    [Fact]
    public async Task Render_RunApprovedOverBudget_SaysWhoApprovedWhenAndWhy()
    {
        var approval = new RunApproval(true, "lead@contoso.com", new DateTimeOffset(2026, 11, 24, 8, 5, 0, TimeSpan.Zero), "worth it");
        await RenderAsync(SampleRun.Data() with { Cost = new RunCostSummary(120_000, 131_250, 4.80m, 40.80m, 25m, approval) });
        var markdown = await File.ReadAllTextAsync(_folder.Combine("report.md"), Token);

        Assert.Contains("| Estimated hosting for the TTL |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Budget |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Approved over budget | by lead@contoso.com at 2026-11-24 08:05:00Z: worth it |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Markdown_ShowsSampleAnswersSideBySide()
    {
        await RenderAsync(SampleRun.Data());
        var markdown = await File.ReadAllTextAsync(_folder.Combine("report.md"), Token);

        var fineTunedShortened = "With collaboration, Mars colonization is within our reach. " + new string('x', 100) + "…";
        Assert.Contains(
            $"| Is humanity capable of colonizing Mars? | The challenges are insurmountable. | {fineTunedShortened} | Non-preferred-like | Preferred-like | Win |",
            markdown,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Will AI lead to mass unemployment?", markdown, StringComparison.Ordinal); // no fine-tuned answer
    }

    [Fact]
    public async Task Render_ModelTextWithTableSyntax_CannotBreakTheMarkdownTable()
    {
        await RenderAsync(SampleRun.Data());
        var markdown = await File.ReadAllTextAsync(_folder.Combine("report.md"), Token);

        Assert.Contains("| 3 | Judge | FormatException: judge said \\| maybe later |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RunWithoutOptionalParts_SaysWhatIsMissingAndDrawsNoCharts()
    {
        var data = new RunReportData { RunId = "run-7", DatasetName = "d.jsonl", BaseModel = "gpt-4.1-mini", GeneratedAt = SampleRun.Start };

        var report = await RenderAsync(data);
        var markdown = await File.ReadAllTextAsync(_folder.Combine("report.md"), Token);

        Assert.Empty(report.Charts);
        Assert.False(Directory.Exists(_folder.Combine("charts")));
        Assert.Contains("No evaluation was run.", markdown, StringComparison.Ordinal);
        Assert.Contains("No training metrics were reported.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("data:image", await File.ReadAllTextAsync(_folder.Combine("report.html"), Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_DataJson_RendersTheSameReportAgain()
    {
        var first = await RenderAsync(SampleRun.Data());
        var markdown = await File.ReadAllTextAsync(_folder.Combine("report.md"), Token);

        await using var json = File.OpenRead(_folder.Combine(RunReportRenderer.DataName));
        var data = await RunReportJson.DeserializeAsync(json, Token);
        using var again = new TemporaryFolder();
        await new RunReportRenderer().RenderAsync(data, new FolderReportSink(again.Path), Token);

        Assert.Equal(markdown, await File.ReadAllTextAsync(again.Combine("report.md"), Token));
        Assert.Equal(309, data.TrainingMetrics!.Steps.Count);
        Assert.Equal(0.625, data.Evaluation!.LexicalProxy.WinRate);
        Assert.Equal(new Uri(_folder.Combine("report.html")), first.Html.Location);
    }

    [Fact]
    public async Task Render_EmulatedRun_SaysSoFirstInLargeTypeInBothFormats()
    {
        await RenderAsync(SampleRun.Data() with { Service = EvaluationService.FromEndpoint(new Uri("http://127.0.0.1:5080/")) });
        var html = await File.ReadAllTextAsync(_folder.Combine("report.html"), Token);
        var markdown = await File.ReadAllTextAsync(_folder.Combine("report.md"), Token);

        var banner = html.IndexOf("<div class=\"banner\" role=\"alert\"><strong>EMULATED</strong>", StringComparison.Ordinal);
        Assert.True(banner > 0 && banner < html.IndexOf("<table>", StringComparison.Ordinal), "the banner must come before any figure");
        Assert.Contains("font-size:2.6em", html, StringComparison.Ordinal);
        Assert.Contains("> # EMULATED", markdown, StringComparison.Ordinal);
        Assert.Contains("| Service | emulator (127.0.0.1) |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AzureRun_CarriesNoEmulationBannerAndNamesTheService()
    {
        await RenderAsync(SampleRun.Data() with { Service = EvaluationService.FromEndpoint(new Uri("https://acct.openai.azure.com/")) });
        var markdown = await File.ReadAllTextAsync(_folder.Combine("report.md"), Token);

        Assert.DoesNotContain("EMULATED", markdown, StringComparison.Ordinal);
        Assert.Contains("| Service | Azure OpenAI (acct.openai.azure.com) |", markdown, StringComparison.Ordinal);
    }

    private async Task<RenderedReport> RenderAsync(RunReportData data) =>
        await new RunReportRenderer().RenderAsync(data, new FolderReportSink(_folder.Path), Token);

    private async Task<PngImage> ChartAsync(RunReportData data, string name)
    {
        using var folder = new TemporaryFolder();
        await new RunReportRenderer().RenderAsync(data, new FolderReportSink(folder.Path), Token);
        return PngImage.Decode(await File.ReadAllBytesAsync(folder.Combine(name), Token));
    }
}
