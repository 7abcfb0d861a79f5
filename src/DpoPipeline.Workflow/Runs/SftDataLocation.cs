namespace DpoPipeline.Workflow.Runs;

/// <summary>
/// Where a run's <c>sftData</c> is: a name resolved next to the dataset (the same blob container or folder), or an
/// absolute URI in that same container. A local run (file URIs) may name any file path. Anything else is refused, so a
/// run can never read another container with the app's identity.
/// </summary>
public static class SftDataLocation
{
    /// <exception cref="RunOptionsException">The location is outside the dataset's container.</exception>
    public static Uri Resolve(Uri datasetUri, string sftData)
    {
        ArgumentNullException.ThrowIfNull(datasetUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(sftData);
        if (datasetUri.IsFile)
        {
            return Path.IsPathRooted(sftData) ? new Uri(Path.GetFullPath(sftData))
                : Uri.TryCreate(sftData, UriKind.Absolute, out var absoluteFile) && absoluteFile.IsFile ? absoluteFile
                : new Uri(datasetUri, sftData);
        }

        var resolved = Uri.TryCreate(sftData, UriKind.Absolute, out var absolute) ? absolute : new Uri(datasetUri, sftData);
        if (!string.Equals(resolved.GetLeftPart(UriPartial.Authority), datasetUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            || !string.Equals(Container(resolved), Container(datasetUri), StringComparison.Ordinal))
        {
            throw new RunOptionsException([$"sftData: '{sftData}' must be in the dataset's own container ({Container(datasetUri)})."]);
        }

        return resolved;
    }

    // Path-style endpoints (Azurite on loopback) put the account before the container.
    private static string Container(Uri uri)
    {
        var segments = uri.AbsolutePath.TrimStart('/').Split('/');
        return uri.IsLoopback || uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? string.Join('/', segments.Take(2))
            : segments[0];
    }
}
