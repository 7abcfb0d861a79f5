namespace DpoPipeline.Core.Reports;

/// <summary>A headed part of the report.</summary>
internal sealed record ReportSection(string Heading, IReadOnlyList<ReportBlock> Blocks);
