namespace DpoPipeline.Core.Reports;

/// <summary>
/// A sweep in the run report: one row per variant, the curves of each, the rule the winner was chosen by and the
/// decision in words.
/// </summary>
public sealed record SweepReport(string Rule, string Decision, IReadOnlyList<SweepReportRow> Variants, IReadOnlyList<SweepCurve> Curves);
