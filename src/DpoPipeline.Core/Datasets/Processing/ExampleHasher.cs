using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>
/// 128-bit fingerprints of examples: exact (duplicates), normalised for whitespace and case (near duplicates), and of
/// the prompt alone (split key, train/validation overlap). One per worker; reuses its buffers.
/// </summary>
internal sealed class ExampleHasher
{
    private readonly XxHash128 _hash = new();
    private char[] _normalized = new char[4096];

    public UInt128 Exact(PreferenceExample example)
    {
        _hash.Reset();
        AppendMessages(example.Input, normalize: false);
        Append(example.Preferred, normalize: false, separator: 2);
        Append(example.NonPreferred, normalize: false, separator: 3);
        return _hash.GetCurrentHashAsUInt128();
    }

    public UInt128 Near(PreferenceExample example)
    {
        _hash.Reset();
        AppendMessages(example.Input, normalize: true);
        Append(example.Preferred, normalize: true, separator: 2);
        Append(example.NonPreferred, normalize: true, separator: 3);
        return _hash.GetCurrentHashAsUInt128();
    }

    public UInt128 Prompt(PreferenceExample example)
    {
        _hash.Reset();
        AppendMessages(example.Input, normalize: false);
        return _hash.GetCurrentHashAsUInt128();
    }

    private void AppendMessages(IReadOnlyList<ChatMessage> messages, bool normalize)
    {
        foreach (var message in messages)
        {
            Append(message, normalize, separator: 1);
        }
    }

    private void Append(ChatMessage message, bool normalize, byte separator)
    {
        _hash.Append(MemoryMarshal.AsBytes(message.Role.AsSpan()));
        _hash.Append([0, separator]);
        _hash.Append(MemoryMarshal.AsBytes(normalize ? Normalize(message.Content) : message.Content.AsSpan()));
        _hash.Append([0, separator]);
    }

    /// <summary>Lower case, runs of whitespace as one space, no leading or trailing whitespace.</summary>
    private ReadOnlySpan<char> Normalize(string text)
    {
        if (_normalized.Length < text.Length)
        {
            _normalized = new char[Math.Max(text.Length, _normalized.Length * 2)];
        }

        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                _normalized[length++] = ' ';
                pendingSpace = false;
            }

            _normalized[length++] = char.ToLowerInvariant(c);
        }

        return _normalized.AsSpan(0, length);
    }
}
