namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// One held-out DPO example: the conversation to continue, the preferred and the non-preferred reply, and an
/// optional category for per-category results.
/// </summary>
public sealed record EvaluationPair(IReadOnlyList<ChatTurn> Messages, string Preferred, string NonPreferred, string? Category = null);
