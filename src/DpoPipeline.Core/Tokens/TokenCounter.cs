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

    public TokenCounter(string encoding)
        : this(TokenizerCatalog.Get(encoding))
    {
    }

    public TokenCounter(Tokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        _preTokenizer = tokenizer.PreTokenizer;
        _wordLookup = _wordCounts.GetAlternateLookup<ReadOnlySpan<char>>();
        var special = tokenizer is TiktokenTokenizer tiktoken && tiktoken.SpecialTokens is { } tokens ? tokens.Keys : [];
        _specialTokens = new HashSet<string>(special, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
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
