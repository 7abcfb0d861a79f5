using System.Globalization;
using DpoPipeline.Workflow.Storage;

namespace DpoPipeline.Local;

/// <summary>Run files in a local folder (<c>dpo run</c>): datasets are read from file URIs, outputs land in <c>{root}/{runId}/</c>.</summary>
public sealed class LocalRunFiles(string root) : IRunFiles
{
    public string Root { get; } = Path.GetFullPath(root);

    public Task<Stream> OpenReadAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsFile)
        {
            throw new ArgumentException($"A local run reads file URIs only, not '{uri}'.", nameof(uri));
        }

        Stream stream = new FileStream(uri.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Task.FromResult(stream);
    }

    public Task<string> VersionOfAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Task.FromResult(VersionOf(uri.LocalPath));
    }

    public async Task<Stream> OpenVersionAsync(Uri uri, string version, CancellationToken cancellationToken)
    {
        var stream = await OpenReadAsync(uri, cancellationToken);
        if (VersionOf(uri.LocalPath) != version)
        {
            await stream.DisposeAsync();
            throw new DatasetChangedException(uri, version);
        }

        return stream;
    }

    /// <summary>A local file's version: its size and last write time, which any rewrite changes.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static string VersionOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists
            ? string.Create(CultureInfo.InvariantCulture, $"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}")
            : throw new FileNotFoundException($"No file at {path}.", path);
    }

    public async Task<Uri> WriteAsync(string runId, string name, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = Path.Combine(Root, runId, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Write beside and move, so a reader never sees half a file and a retried activity simply replaces it.
        var partial = path + ".partial";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
        return ToUri(path);
    }

    /// <summary>
    /// A file URI that survives a JSON round trip: JSON keeps a URI's original string, and a bare Unix path read back
    /// is a relative URI.
    /// </summary>
    public static Uri ToUri(string path) => new UriBuilder(Uri.UriSchemeFile, string.Empty) { Path = Path.GetFullPath(path) }.Uri;

    public bool Owns(Uri uri) => uri is { IsAbsoluteUri: true, IsFile: true };

    public string NameOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Path.GetFileName(uri.LocalPath);
    }
}
