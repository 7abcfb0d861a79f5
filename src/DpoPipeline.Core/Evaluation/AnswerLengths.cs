namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// How long the base and the fine-tuned model answered, in tokens of <paramref name="Encoding"/>: DPO is known to
/// lengthen answers, and judges are known to favour longer ones.
/// </summary>
public sealed record AnswerLengths(string Encoding, LengthSummary Base, LengthSummary FineTuned);
