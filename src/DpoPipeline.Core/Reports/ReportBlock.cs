namespace DpoPipeline.Core.Reports;

/// <summary>One piece of a report section, written the same way to Markdown and HTML.</summary>
internal abstract record ReportBlock;

/// <summary>A paragraph of plain text.</summary>
internal sealed record ReportParagraph(string Text) : ReportBlock;

/// <summary>A table with a header row.</summary>
internal sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>A chart: a linked PNG in Markdown, an embedded data URI in HTML.</summary>
internal sealed record ReportImage(ReportChart Chart) : ReportBlock;

/// <summary>A warning no reader can miss, e.g. that every number comes from an emulator: large type in HTML.</summary>
internal sealed record ReportBanner(string Title, string Text) : ReportBlock;
