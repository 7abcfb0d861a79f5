namespace DpoPipeline.Core.Reports;

/// <summary>One file a report wrote: its name inside the report, content type, size and where the sink put it.</summary>
public sealed record ReportFile(string Name, string ContentType, long Length, Uri Location);
