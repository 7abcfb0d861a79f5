using System.ClientModel;
using System.Text;

namespace DpoPipeline.Core.FineTuning;

/// <summary>
/// multipart/form-data body for POST /files that streams the file instead of buffering it (files reach 512 MB).
/// A seekable stream is rewound for each attempt so a retried upload sends the whole file again.
/// </summary>
internal sealed class MultipartFileContent : BinaryContent
{
    private readonly Stream _file;
    private readonly long _start;
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private bool _written;

    public MultipartFileContent(Stream file, string fileName, string purpose)
    {
        _file = file;
        _start = file.CanSeek ? file.Position : 0;
        var boundary = "dpopipeline-" + Guid.NewGuid().ToString("N");
        ContentType = "multipart/form-data; boundary=" + boundary;
        var safeName = new string(fileName.Select(c => c is '"' or '\r' or '\n' or '\\' ? '_' : c).ToArray());
        _head = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n{purpose}\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{safeName}\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n");
        _tail = Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n");
    }

    public string ContentType { get; }

    public override bool TryComputeLength(out long length)
    {
        length = _file.CanSeek ? _head.Length + (_file.Length - _start) + _tail.Length : 0;
        return _file.CanSeek;
    }

    public override void WriteTo(Stream stream, CancellationToken cancellationToken = default)
    {
        Rewind();
        stream.Write(_head);
        _file.CopyTo(stream);
        stream.Write(_tail);
    }

    public override async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        Rewind();
        await stream.WriteAsync(_head, cancellationToken);
        await _file.CopyToAsync(stream, cancellationToken);
        await stream.WriteAsync(_tail, cancellationToken);
    }

    public override void Dispose()
    {
        // The caller owns the file stream.
    }

    private void Rewind()
    {
        if (_file.CanSeek)
        {
            _file.Position = _start;
        }
        else if (_written)
        {
            throw new InvalidOperationException("The upload cannot be retried: the file stream is not seekable.");
        }

        _written = true;
    }
}
