using System.Security.Cryptography;

namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>
/// Writes one output JSONL (UTF-8 without BOM, LF) under a temporary name and moves it into place only when complete,
/// so a failed or cancelled conversion never leaves a half-written train file behind.
/// </summary>
internal sealed class ConvertedFileWriter : IDisposable
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    private readonly string _path;
    private readonly string _partialPath;
    private readonly FileStream _stream;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _examples;
    private long _tokens;

    public ConvertedFileWriter(string path)
    {
        _path = path;
        _partialPath = path + ".partial";
        _stream = new FileStream(_partialPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
    }

    public long Bytes => _stream.Length;

    public void Write(byte[] json, long tokens)
    {
        _stream.Write(json);
        _stream.Write(Newline);
        _sha256.AppendData(json);
        _sha256.AppendData(Newline);
        _examples++;
        _tokens += tokens;
    }

    public ConvertedFile Complete()
    {
        var bytes = _stream.Length;
        _stream.Dispose();
        File.Move(_partialPath, _path, overwrite: true);
        return new ConvertedFile(Path.GetFileName(_path), bytes, _examples, Convert.ToHexStringLower(_sha256.GetHashAndReset()), _tokens);
    }

    /// <summary>Closes and deletes the partial file (after a failure, or when the output is refused).</summary>
    public void Dispose()
    {
        _stream.Dispose();
        _sha256.Dispose();
        File.Delete(_partialPath);
    }
}
