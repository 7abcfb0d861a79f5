using DpoPipeline.Core.Reports;

namespace DpoPipeline.Workflow.Storage;

/// <summary>Puts a run's report files under <c>{runId}/report/</c> in run storage.</summary>
public sealed class RunFilesReportSink(IRunFiles files, string runId) : IReportSink
{
    public const string Folder = "report/";

    public async Task<Uri> WriteAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(content.ToArray(), writable: false);
        return await files.WriteAsync(runId, Folder + name, stream, contentType, cancellationToken);
    }
}
