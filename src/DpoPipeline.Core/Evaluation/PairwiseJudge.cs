using System.Globalization;
using System.Text;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Asks a judge deployment which of two answers better follows the preferred reference, twice with the candidates'
/// positions swapped, because LLM judges favour a position; see <see cref="JudgeDecision.Combine"/>.
/// </summary>
public sealed class PairwiseJudge(IChatAnswerSource judge)
{
    internal const string Instructions =
        "You compare two candidate replies to the same conversation. A reference preferred reply shows the behaviour "
        + "wanted; a reference rejected reply shows the behaviour to avoid. Decide which candidate is closer to the "
        + "preferred behaviour and further from the rejected one. Judge content and behaviour, not length or position. "
        + "Answer with exactly one word: A, B or TIE.";

    private readonly IChatAnswerSource _judge = judge ?? throw new ArgumentNullException(nameof(judge));

    public string Deployment => _judge.Deployment;

    /// <exception cref="FormatException">The judge replied with something other than A, B or TIE.</exception>
    public async Task<JudgeDecision> JudgeAsync(EvaluationPair pair, string baseAnswer, string fineTunedAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var baseFirst = await _judge.AskAsync(BuildPrompt(pair, baseAnswer, fineTunedAnswer), cancellationToken);
        var fineTunedFirst = await _judge.AskAsync(BuildPrompt(pair, fineTunedAnswer, baseAnswer), cancellationToken);
        var first = ParseChoice(baseFirst.Text);
        var second = ParseChoice(fineTunedFirst.Text);
        return new JudgeDecision(JudgeDecision.Combine(first, second), first, second, baseFirst.Usage + fineTunedFirst.Usage);
    }

    /// <summary>The messages sent to the judge with <paramref name="candidateA"/> in position A.</summary>
    public static IReadOnlyList<ChatTurn> BuildPrompt(EvaluationPair pair, string candidateA, string candidateB)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var user = new StringBuilder();
        user.AppendLine("## Conversation");
        foreach (var turn in pair.Messages)
        {
            user.Append(CultureInfo.InvariantCulture, $"[{turn.Role}] ").AppendLine(turn.Content);
        }

        user.AppendLine().AppendLine("## Reference preferred reply").AppendLine(pair.Preferred)
            .AppendLine().AppendLine("## Reference rejected reply").AppendLine(pair.NonPreferred)
            .AppendLine().AppendLine("## Candidate A").AppendLine(candidateA)
            .AppendLine().AppendLine("## Candidate B").AppendLine(candidateB)
            .AppendLine().Append("Which candidate is closer to the preferred behaviour? Answer A, B or TIE.");
        return [new ChatTurn("system", Instructions), new ChatTurn("user", user.ToString())];
    }

    /// <summary>Reads a verdict: the whole reply, or its last word, must be A, B or TIE (case and punctuation ignored).</summary>
    /// <exception cref="FormatException">No verdict found.</exception>
    public static JudgeChoice ParseChoice(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var words = reply.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.Trim('.', ',', ';', ':', '!', '"', '\'', '*', '`', '(', ')', '[', ']').ToUpperInvariant())
            .Where(word => word.Length > 0)
            .ToList();
        var verdict = words.Count == 0 ? null : words[^1];
        return verdict switch
        {
            "A" => JudgeChoice.A,
            "B" => JudgeChoice.B,
            "TIE" => JudgeChoice.Tie,
            _ => throw new FormatException($"The judge's reply is not A, B or TIE: '{Shorten(reply)}'."),
        };
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
