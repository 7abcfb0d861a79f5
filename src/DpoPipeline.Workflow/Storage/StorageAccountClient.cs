using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace DpoPipeline.Workflow.Storage;

/// <summary>
/// The blob client for the app's own storage account, read from the same <c>AzureWebJobsStorage</c> settings the
/// Functions host uses: a connection string locally (Azurite), identity-based <c>__blobServiceUri</c> /
/// <c>__accountName</c> with <c>__credential=managedidentity</c> and <c>__clientId</c> in Azure.
/// </summary>
public static class StorageAccountClient
{
    public const string SectionName = "AzureWebJobsStorage";

    /// <exception cref="InvalidOperationException">Neither a connection string nor an account is configured.</exception>
    public static BlobServiceClient Create(IConfiguration configuration, TokenCredential fallbackCredential)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        if (!string.IsNullOrEmpty(section.Value))
        {
            return new BlobServiceClient(section.Value);
        }

        var serviceUri = section["blobServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.blob.core.windows.net")
            : throw new InvalidOperationException(
                $"Set {SectionName} (a connection string) or {SectionName}__blobServiceUri / {SectionName}__accountName.");
        var credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : fallbackCredential;
        return new BlobServiceClient(serviceUri, credential);
    }
}
