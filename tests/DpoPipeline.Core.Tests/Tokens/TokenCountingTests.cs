using System.Text.Json;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Tokens;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace DpoPipeline.Core.Tests.Tokens;

public sealed class TokenCountingTests
{
    [Theory]
    [InlineData(TokenizerCatalog.O200kBase)]
    [InlineData(TokenizerCatalog.Cl100kBase)]
    public void Count_RealText_EqualsTheTokenizersOwnCount(string encoding)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding(encoding);
        var counter = new TokenCounter(encoding);
        var texts = File.ReadLines(TestData.Dataset("medicalgpt-dpo-zh-500.jsonl")).Take(60)
            .Concat(File.ReadLines(TestData.Dataset("orca-dpo-validation.jsonl")).Take(60))
            .Append("special <|endoftext|> and <|endofprompt|> tokens, emoji 😀, tabs\t\tand   spaces\n\n");

        foreach (var text in texts)
        {
            Assert.Equal(tokenizer.CountTokens(text), counter.Count(text));
        }
    }

    [Fact]
    public async Task Validate_TokenTotals_FollowTheServicesCounting()
    {
        // Independent count: 3 per message + content tokens (+1 per name), over input and both replies.
        var tokenizer = TiktokenTokenizer.CreateForEncoding(TokenizerCatalog.O200kBase);
        long expected = 0;
        foreach (var line in File.ReadLines(TestData.Dataset("orca-dpo-validation.jsonl")))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var messages = root.GetProperty("input").GetProperty("messages").EnumerateArray()
                .Concat(root.GetProperty("preferred_output").EnumerateArray())
                .Concat(root.GetProperty("non_preferred_output").EnumerateArray());
            expected += messages.Sum(m => 3L + tokenizer.CountTokens(m.GetProperty("content").GetString()!));
        }

        var report = await DatasetValidator.ValidateAsync(TestData.Dataset("orca-dpo-validation.jsonl"), new ValidationOptions(), null, TestContext.Current.CancellationToken);

        Assert.Equal(expected, report.Tokens.TrainTokens);
    }

    [Theory]
    [InlineData("gpt-4o-2024-08-06", "o200k_base", 65536)]
    [InlineData("gpt-4.1-nano-2025-04-14", "o200k_base", 32768)]
    [InlineData("gpt-4o-mini-2024-07-18.ft-0123456789abcdef-mine", "o200k_base", 65536)]
    [InlineData("gpt-35-turbo-0125", "cl100k_base", 16384)]
    public void Profiles_KnownModels_HaveTheirEncodingAndLimit(string model, string encoding, int limit)
    {
        var profile = ModelTokenProfiles.Get(model);

        Assert.Equal(encoding, profile.Encoding);
        Assert.Equal(limit, profile.ExampleTokenLimit);
    }

    [Fact]
    public void Profiles_UnknownModel_ListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelTokenProfiles.Get("llama-3"));

        Assert.Contains("gpt-4.1-mini-2025-04-14", error.Message, StringComparison.Ordinal);
    }
}
