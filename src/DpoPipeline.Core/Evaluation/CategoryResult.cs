namespace DpoPipeline.Core.Evaluation;

/// <summary>Results restricted to the examples of one category.</summary>
public sealed record CategoryResult(string Category, int Pairs, ComparisonSummary LexicalProxy, ComparisonSummary? Judge);
