namespace DpoPipeline.Core.Evaluation;

/// <summary>One pairwise comparison of a three-way evaluation: how often <see cref="Candidate"/> won against <see cref="Reference"/>.</summary>
/// <param name="Method">The method behind the win rate (a judge, or the lexical proxy).</param>
public sealed record StageComparisonRow(string Candidate, string Reference, string? Method, int Pairs, double? WinRate, double? Low, double? High);
