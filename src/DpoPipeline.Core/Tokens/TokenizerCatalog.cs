using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace DpoPipeline.Core.Tokens;

/// <summary>
/// Loads each tiktoken encoding at most once per process, on first use: loading o200k_base costs ~60 MB and a
/// noticeable fraction of a second, so it must never happen per call or per worker.
/// </summary>
public static class TokenizerCatalog
{
    public const string O200kBase = "o200k_base";
    public const string Cl100kBase = "cl100k_base";

    private static readonly ConcurrentDictionary<string, Lazy<Tokenizer>> Loaded = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> KnownEncodings { get; } = [O200kBase, Cl100kBase];

    public static Tokenizer Get(string encoding)
    {
        if (!KnownEncodings.Contains(encoding, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown token encoding '{encoding}'. Known: {string.Join(", ", KnownEncodings)}.", nameof(encoding));
        }

        return Loaded.GetOrAdd(encoding, name => new Lazy<Tokenizer>(() => TiktokenTokenizer.CreateForEncoding(name))).Value;
    }
}
