namespace DpoPipeline.Workflow.Storage;

/// <summary>
/// Where a run reads its dataset and keeps what it produces (converted files, validation report, run report):
/// blob storage in Azure, a local folder for <c>dpo run</c>. Activities pass URIs between each other, never data.
/// </summary>
public interface IRunFiles
{
    /// <summary>Opens a dataset or an earlier output for streaming.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="uri"/>.</exception>
    Task<Stream> OpenReadAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>The dataset's current version (a blob's ETag), to pin a run to it.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="uri"/>.</exception>
    Task<string> VersionOfAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Opens exactly <paramref name="version"/> of a dataset for streaming.</summary>
    /// <exception cref="DatasetChangedException">The dataset is another version now.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="uri"/>.</exception>
    Task<Stream> OpenVersionAsync(Uri uri, string version, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> as <c>{runId}/{name}</c>, replacing an earlier copy (activities may be retried).</summary>
    Task<Uri> WriteAsync(string runId, string name, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="uri"/> points into this store; runs only read datasets they are allowed to reach.</summary>
    bool Owns(Uri uri);

    /// <summary>The file name part of a URI this store understands, for messages and manifests.</summary>
    string NameOf(Uri uri);
}
