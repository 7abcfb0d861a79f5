using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace DpoPipeline.Workflow.Storage;

/// <summary>Run files in blob storage: datasets anywhere in the account, outputs in the runs container under <c>{runId}/</c>.</summary>
public sealed class BlobRunFiles(BlobServiceClient service, string runsContainer) : IRunFiles
{
    public async Task<Stream> OpenReadAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            return await BlobFor(uri).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"No blob at {uri}.", uri.ToString(), e);
        }
    }

    public async Task<string> VersionOfAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            return (await BlobFor(uri).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"No blob at {uri}.", uri.ToString(), e);
        }
    }

    public async Task<Stream> OpenVersionAsync(Uri uri, string version, CancellationToken cancellationToken)
    {
        var options = new BlobOpenReadOptions(allowModifications: false) { Conditions = new BlobRequestConditions { IfMatch = new ETag(version) } };
        try
        {
            return await BlobFor(uri).OpenReadAsync(options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"No blob at {uri}.", uri.ToString(), e);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new DatasetChangedException(uri, version);
        }
    }

    public async Task<Uri> WriteAsync(string runId, string name, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var container = service.GetBlobContainerClient(runsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"{runId}/{name}");
        await blob.UploadAsync(
            content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
        return blob.Uri;
    }

    public bool Owns(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || !string.Equals(uri.Authority, service.Uri.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parts = new BlobUriBuilder(uri);
        return string.Equals(parts.AccountName, service.AccountName, StringComparison.Ordinal) && parts.BlobName.Length > 0;
    }

    public string NameOf(Uri uri) => new BlobUriBuilder(uri).BlobName;

    // Build the client from the service client, so its credential applies to every container it is given.
    private BlobClient BlobFor(Uri uri)
    {
        if (!Owns(uri))
        {
            throw new ArgumentException($"'{uri}' is not a blob in this pipeline's storage account.", nameof(uri));
        }

        var parts = new BlobUriBuilder(uri);
        return service.GetBlobContainerClient(parts.BlobContainerName).GetBlobClient(parts.BlobName);
    }
}
