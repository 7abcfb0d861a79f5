using System.Text;
using DpoPipeline.Core.Tokens;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace DpoPipeline.Core.Tests.Tokens;

/// <summary>The hand-written o200k word splitter must split exactly as the library's regex does, on any text.</summary>
public sealed class O200kPreTokenizerTests
{
    private static readonly PreTokenizer Library = TokenizerCatalog.Get(TokenizerCatalog.O200kBase).PreTokenizer!;

    [Fact]
    public void Split_EveryBmpCharacterInEveryContext_MatchesTheLibrary()
    {
        string[] contexts = ["a{0}b", "{0}", " {0}x", "'{0}", "x'{0}", "1{0}2", "{0}\n", "X{0}y", " {0}{0} ", "\u0301{0}", "{0}'s", "\r\n{0}\t"];
        var text = new StringBuilder();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            foreach (var context in contexts)
            {
                text.Clear().AppendFormat(System.Globalization.CultureInfo.InvariantCulture, context, (char)c);
                AssertSameSplit(text.ToString());
            }
        }
    }

    [Fact]
    public void Split_RandomMixedText_MatchesTheLibrary()
    {
        const string alphabet = "aZ09 \t\r\n\u00A0\u2028'sStTrReEvVmMlLdD\u017F.,/!?-_()[]{}<>|\"#@\u00E9\u00C9\u01C5\u02B0\u0301\u0903\u20DD\u6771\u4EAC\u0660\u2167\u00BD\u3000\u200B\uD83D\uDE00\u0000\u0085";
        var random = new Random(20261124);
        var text = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            text.Clear();
            for (var n = random.Next(1, 40); n > 0; n--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            AssertSameSplit(text.ToString());
        }
    }

    [Fact]
    public void Split_RealDatasets_MatchesTheLibrary()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "datasets"), "*.json*").Where(f => !f.EndsWith(".gz", StringComparison.Ordinal)))
        {
            foreach (var line in File.ReadLines(file).Take(300))
            {
                AssertSameSplit(line.Replace("<|", "<", StringComparison.Ordinal));
            }
        }
    }

    private static void AssertSameSplit(string text)
    {
        var expected = Library.PreTokenize(text).ToList();
        var actual = new List<(int, int)>();
        for (var start = 0; start < text.Length;)
        {
            var end = O200kPreTokenizer.NextWordEnd(text, start);
            actual.Add((start, end - start));
            start = end;
        }

        if (!expected.SequenceEqual(actual))
        {
            Assert.Fail($"Split differs for {Escape(text)}: library [{string.Join(" ", expected.Select(w => Escape(text.Substring(w.Offset, w.Length))))}], ours [{string.Join(" ", actual.Select(w => Escape(text.Substring(w.Item1, w.Item2))))}]");
        }
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));
}
