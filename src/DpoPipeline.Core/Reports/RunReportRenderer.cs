using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DpoPipeline.Core.Reports;

/// <summary>
/// Renders a run report: the charts as PNG files, a Markdown report linking them, a self-contained HTML report
/// embedding them, and the data as JSON, all written to one sink.
/// </summary>
public sealed class RunReportRenderer(ILogger<RunReportRenderer>? logger = null)
{
    public const string HtmlName = "report.html";
    public const string MarkdownName = "report.md";
    public const string DataName = "report.json";

    private readonly ILogger _logger = logger ?? NullLogger<RunReportRenderer>.Instance;

    public async Task<RenderedReport> RenderAsync(RunReportData data, IReportSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sink);

        var charts = RunReportChartSet.For(data);
        var sections = RunReportSections.Build(data, charts);
        var title = $"DPO run report: {data.RunId}";

        var chartFiles = new List<ReportFile>();
        foreach (var chart in charts.All)
        {
            chartFiles.Add(await WriteAsync(sink, chart.Path, chart.Png, "image/png", cancellationToken));
        }

        var markdown = await WriteAsync(sink, MarkdownName, Encoding.UTF8.GetBytes(MarkdownReportWriter.Write(title, sections)), "text/markdown; charset=utf-8", cancellationToken);
        var html = await WriteAsync(sink, HtmlName, Encoding.UTF8.GetBytes(HtmlReportWriter.Write(title, sections)), "text/html; charset=utf-8", cancellationToken);
        var json = await WriteAsync(sink, DataName, RunReportJson.Serialize(data), "application/json", cancellationToken);

        _logger.LogInformation("Run report for {RunId} written with {ChartCount} charts: {ReportUri}", data.RunId, chartFiles.Count, html.Location);
        return new RenderedReport(html, markdown, json, chartFiles);
    }

    private static async Task<ReportFile> WriteAsync(IReportSink sink, string name, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var location = await sink.WriteAsync(name, content, contentType, cancellationToken);
        return new ReportFile(name, contentType, content.Length, location);
    }
}
