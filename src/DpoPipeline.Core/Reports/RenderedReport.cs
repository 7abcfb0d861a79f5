namespace DpoPipeline.Core.Reports;

/// <summary>The files of a written report; <see cref="Html"/> is the one to link from the status API.</summary>
public sealed record RenderedReport(ReportFile Html, ReportFile Markdown, ReportFile Data, IReadOnlyList<ReportFile> Charts)
{
    public IEnumerable<ReportFile> Files => new[] { Html, Markdown, Data }.Concat(Charts);
}
