using Microsoft.ML.Tokenizers;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Previews an evaluation's cost: two answers per example (base and fine-tuned) and, with a judge, two judge calls
/// (both positions) plus two for each pair the judge is calibrated on. Answers are assumed as long as the longer
/// reference reply, capped at the output limit.
/// </summary>
/// <param name="countTokens">Token counter of the deployments' family; o200k_base (gpt-4o / gpt-4.1) by default.</param>
public sealed class EvaluationPlanner(Func<string, int>? countTokens = null)
{
    // Chat format overhead per the OpenAI cookbook: 3 tokens per message, 3 to prime the reply.
    private const int TokensPerMessage = 3;
    private const int ReplyPriming = 3;

    // A verdict is one word.
    private const int JudgeReplyTokens = 2;

    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    private readonly Func<string, int> _countTokens = countTokens ?? (text => O200k.Value.CountTokens(text));

    /// <param name="calibrationPairs">Pairs the judge compares chosen against rejected first (<see cref="EvaluationOptions.JudgeCalibrationPairs"/>).</param>
    public EvaluationPlan Plan(IReadOnlyList<EvaluationPair> pairs, bool withJudge, ChatAnswerOptions? answerOptions = null, int calibrationPairs = 0)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var maxOutput = (answerOptions ?? new ChatAnswerOptions()).MaxOutputTokens;
        long input = 0, output = 0;
        foreach (var pair in pairs)
        {
            var answerTokens = Math.Min(maxOutput, Math.Max(_countTokens(pair.Preferred), _countTokens(pair.NonPreferred)));
            input += 2L * PromptTokens(pair.Messages);
            output += 2L * answerTokens;
            if (withJudge)
            {
                // The two references stand in for the two answers, which are not known yet.
                input += 2L * PromptTokens(JudgeRubric.PairwiseV1.BuildPrompt(pair.Messages, pair.Preferred, pair.NonPreferred));
                output += 2L * JudgeReplyTokens;
            }
        }

        var calibrated = withJudge && calibrationPairs > 0 ? EvaluationSample.Select(pairs, calibrationPairs) : [];
        foreach (var pair in calibrated)
        {
            input += 2L * PromptTokens(JudgeRubric.PairwiseV1.BuildPrompt(pair.Messages, pair.NonPreferred, pair.Preferred));
            output += 2L * JudgeReplyTokens;
        }

        return new EvaluationPlan(pairs.Count, 2 * pairs.Count, withJudge ? 2 * (pairs.Count + calibrated.Count) : 0, input, output);
    }

    private long PromptTokens(IReadOnlyList<ChatTurn> messages) =>
        messages.Sum(m => (long)TokensPerMessage + _countTokens(m.Content)) + ReplyPriming;
}
