using System.Runtime.InteropServices;
using DpoPipeline.Core.Datasets;
using Microsoft.ML.Tokenizers;

namespace DpoPipeline.Core.Tokens;

/// <summary>
/// Exact token counts for one worker. Not thread-safe: each worker owns one. The shared tokenizer is only asked about
/// words this worker has not seen yet, so workers do not contend on the tokenizer's internal cache lock, and the
/// shared vocabulary is loaded once instead of once per worker.
/// </summary>
public sealed class TokenCounter
{
    // Chat overhead per message and for the reply priming, as counted by the OpenAI cookbook and the service.
    public const int TokensPerMessage = 3;
    public const int TokensPerName = 1;
    public const int ReplyPrimingTokens = 3;

    // Bounds the per-worker word cache (a few MB) on data with an unbounded vocabulary.
    private const int MaxCachedWords = 200_000;
    private const int MaxCachedWordLength = 64;

    private readonly Tokenizer _tokenizer;
    private readonly PreTokenizer? _preTokenizer;
    private readonly Dictionary<string, int> _wordCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _specialTokens;
    private readonly string[] _specialTokenList;
    private readonly bool _fastO200k;

    public TokenCounter(string encoding)
        : this(TokenizerCatalog.Get(encoding), fastPreTokenizer: encoding == TokenizerCatalog.O200kBase)
    {
    }

    /// <param name="tokenizer">The shared tokenizer.</param>
    /// <param name="fastPreTokenizer">Split words with <see cref="O200kPreTokenizer"/> (only for o200k_base) instead of the tokenizer's regex.</param>
    public TokenCounter(Tokenizer tokenizer, bool fastPreTokenizer = false)
    {
        _fastO200k = fastPreTokenizer;
        _tokenizer = tokenizer;
        _preTokenizer = tokenizer.PreTokenizer;
        _wordLookup = _wordCounts.GetAlternateLookup<ReadOnlySpan<char>>();
        var special = tokenizer is TiktokenTokenizer tiktoken && tiktoken.SpecialTokens is { } tokens ? tokens.Keys : [];
        _specialTokenList = [.. special];
        _specialTokens = new HashSet<string>(special, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        if (_fastO200k)
        {
            return CountO200k(text);
        }

        if (_preTokenizer is null)
        {
            return _tokenizer.CountTokens(text);
        }

        var total = 0;
        foreach (var (offset, length) in _preTokenizer.PreTokenize(text))
        {
            total += CountWord(text.Slice(offset, length));
        }

        return total;
    }

    /// <summary>As the library does: special tokens are words of their own, the text between them is split by the regex.</summary>
    private int CountO200k(ReadOnlySpan<char> text)
    {
        var total = 0;
        while (!text.IsEmpty)
        {
            var (segmentEnd, specialLength) = NextSpecialToken(text);
            var segment = text[..segmentEnd];
            for (var start = 0; start < segment.Length;)
            {
                var end = O200kPreTokenizer.NextWordEnd(segment, start);
                total += CountWord(segment[start..end]);
                start = end;
            }

            total += specialLength > 0 ? 1 : 0;
            text = text[(segmentEnd + specialLength)..];
        }

        return total;
    }

    private (int Start, int Length) NextSpecialToken(ReadOnlySpan<char> text)
    {
        for (var from = 0; ;)
        {
            var at = text[from..].IndexOf("<|");
            if (at < 0)
            {
                return (text.Length, 0);
            }

            at += from;
            foreach (var special in _specialTokenList)
            {
                if (text[at..].StartsWith(special, StringComparison.Ordinal))
                {
                    return (at, special.Length);
                }
            }

            from = at + 1;
        }
    }

    /// <summary>Tokens of one chat message: 3 + content + 1 when named.</summary>
    public int CountMessage(ChatMessage message) =>
        TokensPerMessage + Count(message.Content) + (string.IsNullOrEmpty(message.Name) ? 0 : TokensPerName);

    private int CountWord(ReadOnlySpan<char> word)
    {
        // The pre-tokenizer splits special tokens out as words; counting such a word on its own would spell it out.
        if (word.Length > 2 && word[0] == '<' && word[^1] == '>' && _specialTokens.Contains(word))
        {
            return 1;
        }

        if (word.Length > MaxCachedWordLength)
        {
            return _tokenizer.CountTokens(word, considerPreTokenization: false, considerNormalization: false);
        }

        if (_wordLookup.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var count = _tokenizer.CountTokens(word, considerPreTokenization: false, considerNormalization: false);
        if (_wordCounts.Count >= MaxCachedWords)
        {
            _wordCounts.Clear();
        }

        CollectionsMarshal.GetValueRefOrAddDefault(_wordLookup, word, out _) = count;
        return count;
    }
}
