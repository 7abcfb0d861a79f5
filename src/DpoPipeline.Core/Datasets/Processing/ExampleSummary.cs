namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>What the ordered consumers need to know about one example after a worker processed it.</summary>
internal sealed class ExampleSummary
{
    public required long Index { get; init; }

    public required long Line { get; init; }

    public bool HasErrors { get; init; }

    /// <summary>Tokens of the input messages (3 per message + 1 per name + content).</summary>
    public int PromptTokens { get; init; }

    public int PreferredTokens { get; init; }

    public int NonPreferredTokens { get; init; }

    public int SystemMessages { get; init; }

    public int UserMessages { get; init; }

    public int AssistantMessages { get; init; }

    public int InputMessages => SystemMessages + UserMessages + AssistantMessages;

    public UInt128 ExactHash { get; init; }

    public UInt128 NearHash { get; init; }

    public UInt128 PromptHash { get; init; }

    /// <summary>The example in the Azure DPO format, one JSON line without the newline; only when requested.</summary>
    public byte[]? AzureJson { get; init; }

    /// <summary>Tokens billed for training on this example.</summary>
    public long TotalTokens => (long)PromptTokens + PreferredTokens + NonPreferredTokens;

    /// <summary>What the per-example limit is checked against: the prompt plus the longer reply and its priming.</summary>
    public int LimitTokens => PromptTokens + Tokens.TokenCounter.ReplyPrimingTokens + Math.Max(PreferredTokens, NonPreferredTokens);
}
