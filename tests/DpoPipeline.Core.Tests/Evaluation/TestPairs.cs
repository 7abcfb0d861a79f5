using DpoPipeline.Core.Evaluation;
using Xunit;

namespace DpoPipeline.Core.Tests.Evaluation;

/// <summary>The real held-out file used by evaluation tests (Azure DPO format, 200 examples).</summary>
internal static class TestPairs
{
    public static string HeldOutPath => Path.Combine(AppContext.BaseDirectory, "data", "evaluation", "azure-gpt4o-dpo-train-200.jsonl");

    public static async Task<IReadOnlyList<EvaluationPair>> ReadAsync(int count)
    {
        await using var stream = File.OpenRead(HeldOutPath);
        var pairs = await EvaluationPairReader.ReadAsync(stream, TestContext.Current.CancellationToken);
        return [.. pairs.Take(count)];
    }

    /// <summary>The pair whose prompt is the last user message of <paramref name="messages"/>.</summary>
    public static EvaluationPair For(IReadOnlyList<EvaluationPair> pairs, IReadOnlyList<ChatTurn> messages) =>
        pairs.First(p => p.Messages[^1].Content == messages[^1].Content);
}
