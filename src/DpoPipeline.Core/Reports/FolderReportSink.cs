namespace DpoPipeline.Core.Reports;

/// <summary>Writes report files below a folder, each through a temporary file so a reader never sees half a file.</summary>
public sealed class FolderReportSink(string folder) : IReportSink
{
    private readonly string _folder = Path.GetFullPath(folder ?? throw new ArgumentNullException(nameof(folder)));

    public string Folder => _folder;

    public async Task<Uri> WriteAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var path = Resolve(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return new Uri(path);
    }

    private string Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.GetFullPath(Path.Combine(_folder, name));
        var root = _folder.EndsWith(Path.DirectorySeparatorChar) ? _folder : _folder + Path.DirectorySeparatorChar;
        return Path.IsPathRooted(name) || !path.StartsWith(root, StringComparison.Ordinal)
            ? throw new ArgumentException($"Report file name '{name}' must be a relative path inside the report folder.", nameof(name))
            : path;
    }
}
