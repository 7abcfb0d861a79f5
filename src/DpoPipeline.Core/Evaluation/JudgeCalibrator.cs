namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Measures a judge before it judges the models: it compares held-out pairs' own chosen and rejected replies, in
/// both orders as it will judge the models, and its agreement with the dataset's labels is its reliability.
/// </summary>
internal sealed class JudgeCalibrator(PairwiseJudge judge, EvaluationCalls calls, EvaluationOptions options)
{
    public async Task<(JudgeCalibration Calibration, TokenUsage Usage, IReadOnlyList<EvaluationFailure> Failures)> CalibrateAsync(
        IReadOnlyList<EvaluationPair> pairs, CancellationToken cancellationToken)
    {
        // Evenly spaced over the held-out pairs, like the evaluation sample; indexes name the pairs in failures.
        var indexes = EvaluationSample.Select(Enumerable.Range(0, pairs.Count).ToList(), options.JudgeCalibrationPairs);
        var decisions = new JudgeDecision?[indexes.Count];
        var failures = new List<EvaluationFailure>[indexes.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, indexes.Count), parallel, async (slot, token) =>
        {
            var pair = pairs[indexes[slot]];
            failures[slot] = [];

            // The rejected reply plays the base model's part and the chosen reply the fine-tuned model's, so a win
            // is an agreement with the label.
            decisions[slot] = await calls.TryAsync(
                indexes[slot], EvaluationStage.JudgeCalibration, failures[slot],
                ct => judge.JudgeAsync(pair.Messages, pair.NonPreferred, pair.Preferred, ct), token);
        });

        var judged = decisions.OfType<JudgeDecision>().ToList();
        var calibration = JudgeCalibration.From(judged.Select(d => d.Outcome), options.MinimumJudgeAgreement);
        return (calibration, TokenUsage.Sum(judged.Select(d => d.Usage)), [.. failures.SelectMany(f => f)]);
    }
}
