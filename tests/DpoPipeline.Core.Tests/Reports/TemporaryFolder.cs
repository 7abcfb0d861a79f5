namespace DpoPipeline.Core.Tests.Reports;

/// <summary>A folder under the system temp directory, deleted with its content on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dpo-report-").FullName;

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
