using System.Globalization;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Base, SFT and SFT+DPO compared pairwise on the same held-out prompts, and the answer to "did DPO add anything over
/// SFT?", read from the SFT+DPO-vs-SFT win rate's 95 % interval: above 50 % yes, below 50 % it made things worse,
/// across 50 % not shown.
/// </summary>
public sealed record StageComparison(IReadOnlyList<StageComparisonRow> Rows, string Verdict)
{
    public const string Base = "base";
    public const string Sft = "SFT";
    public const string SftDpo = "SFT+DPO";

    public static StageComparison Of(StageComparisonRow sftVsBase, StageComparisonRow dpoVsBase, StageComparisonRow dpoVsSft)
    {
        ArgumentNullException.ThrowIfNull(dpoVsSft);
        return new StageComparison([sftVsBase, dpoVsBase, dpoVsSft], VerdictOf(dpoVsSft));
    }

    public static string VerdictOf(StageComparisonRow dpoVsSft)
    {
        ArgumentNullException.ThrowIfNull(dpoVsSft);
        if (dpoVsSft is not { WinRate: { } rate, Low: { } low, High: { } high })
        {
            return "Unknown: the SFT+DPO model and the SFT model were not compared (no decided pairs).";
        }

        var figures = string.Format(CultureInfo.InvariantCulture, "win rate {0:P0}, 95 % CI {1:P0}–{2:P0}, {3} pairs, {4}", rate, low, high, dpoVsSft.Pairs, dpoVsSft.Method ?? "unknown method");
        return low > 0.5 ? $"Yes: DPO improved on the SFT model ({figures})."
            : high < 0.5 ? $"No: the SFT+DPO model lost to the SFT model ({figures})."
            : $"Not shown: the interval includes 50 %, so DPO's gain over SFT is within noise ({figures}); more held-out pairs would narrow it.";
    }
}
