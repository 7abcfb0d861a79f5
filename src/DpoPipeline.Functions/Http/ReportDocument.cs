using DpoPipeline.Core.Reports;

namespace DpoPipeline.Functions.Http;

/// <summary>One file of a run report as <c>GET /api/runs/{runId}/report?format=html|md|json</c> serves it.</summary>
internal sealed record ReportDocument(string Format, string FileName, string ContentType)
{
    public static IReadOnlyList<ReportDocument> All { get; } =
    [
        new("html", RunReportRenderer.HtmlName, "text/html; charset=utf-8"),
        new("md", RunReportRenderer.MarkdownName, "text/markdown; charset=utf-8"),
        new("json", RunReportRenderer.DataName, "application/json; charset=utf-8"),
    ];

    /// <summary>The document for a <c>format</c> query value; no value means the HTML report.</summary>
    public static ReportDocument? For(string? format) =>
        string.IsNullOrEmpty(format) ? All[0] : All.FirstOrDefault(d => string.Equals(d.Format, format, StringComparison.OrdinalIgnoreCase));

    /// <summary>The report files lie side by side; the run's status names the HTML one.</summary>
    public Uri Beside(Uri htmlReport) => new(htmlReport, FileName);
}
