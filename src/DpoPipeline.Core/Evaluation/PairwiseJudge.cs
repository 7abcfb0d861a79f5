namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Asks a judge deployment, with a versioned <see cref="JudgeRubric"/>, which of two answers better serves the user,
/// twice with the answers' positions swapped, because LLM judges favour a position; see <see cref="JudgeDecision.Combine"/>.
/// </summary>
public sealed class PairwiseJudge(IChatAnswerSource judge, JudgeRubric? rubric = null, long? seed = null)
{
    private readonly IChatAnswerSource _judge = judge ?? throw new ArgumentNullException(nameof(judge));

    public string Deployment => _judge.Deployment;

    public JudgeRubric Rubric { get; } = rubric ?? JudgeRubric.PairwiseV1;

    /// <summary>Judges the base against the fine-tuned answer to <paramref name="conversation"/>: base shown as A first, then as B.</summary>
    /// <exception cref="FormatException">The judge replied with something other than A, B or TIE.</exception>
    public async Task<JudgeDecision> JudgeAsync(IReadOnlyList<ChatTurn> conversation, string baseAnswer, string fineTunedAnswer, CancellationToken cancellationToken)
    {
        var baseFirst = await _judge.AskAsync(Rubric.BuildPrompt(conversation, baseAnswer, fineTunedAnswer), seed, cancellationToken);
        var fineTunedFirst = await _judge.AskAsync(Rubric.BuildPrompt(conversation, fineTunedAnswer, baseAnswer), seed, cancellationToken);
        var first = ParseChoice(baseFirst.Text);
        var second = ParseChoice(fineTunedFirst.Text);
        return new JudgeDecision(JudgeDecision.Combine(first, second), first, second, baseFirst.Usage + fineTunedFirst.Usage);
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
