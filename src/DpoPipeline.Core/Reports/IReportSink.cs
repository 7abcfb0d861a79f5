namespace DpoPipeline.Core.Reports;

/// <summary>Where a report's files go: blob storage in the workflow, a folder for the CLI.</summary>
public interface IReportSink
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/> (a relative path such as
    /// <c>charts/loss-curves.png</c>), replacing an earlier copy, and returns where it can be read.</summary>
    Task<Uri> WriteAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);
}
