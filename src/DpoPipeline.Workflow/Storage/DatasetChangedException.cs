namespace DpoPipeline.Workflow.Storage;

/// <summary>The dataset was replaced after the run was started: the run reads only the version it was started for.</summary>
public sealed class DatasetChangedException(Uri uri, string version)
    : Exception($"{uri} is no longer the version {version} this run was started for; a newer upload has its own run.")
{
    public Uri Uri { get; } = uri;
}
