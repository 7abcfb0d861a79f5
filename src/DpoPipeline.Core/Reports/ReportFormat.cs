using System.Globalization;
using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Core.Reports;

/// <summary>How numbers, intervals and durations read in reports: invariant culture, the same in every format.</summary>
public static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("0.0", Invariant) + "%" : "n/a";

    public static string Interval(ProportionInterval? interval) =>
        interval is null ? "n/a" : $"{Percent(interval.Lower)} – {Percent(interval.Upper)}";

    public static string Tokens(long? count) => count is { } c ? c.ToString("N0", Invariant) : "n/a";

    public static string Decimal(double? value, int digits = 4) => value is { } v ? v.ToString("F" + digits, Invariant) : "n/a";

    public static string Usd(decimal? value) => value is { } v ? "$" + v.ToString("0.00", Invariant) : "n/a";

    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", Invariant);

    public static string Duration(TimeSpan duration) => duration.TotalDays >= 1
        ? $"{(int)duration.TotalDays}d {duration.Hours}h {duration.Minutes:00}m"
        : duration.TotalHours >= 1
            ? $"{(int)duration.TotalHours}h {duration.Minutes:00}m"
            : $"{duration.Minutes}m {duration.Seconds:00}s";

    public static string LabelName(AnswerLabel label) => label switch
    {
        AnswerLabel.PreferredLike => "Preferred-like",
        AnswerLabel.NonPreferredLike => "Non-preferred-like",
        _ => "Neither",
    };

    /// <summary>Turns timeline entries into spans: each phase lasts until the next starts, the last until <paramref name="end"/>.</summary>
    public static IReadOnlyList<PhaseSpan> PhaseSpans(IReadOnlyList<RunPhaseEntry> timeline, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var ordered = timeline.OrderBy(e => e.At).ToList();
        return ordered.Select((entry, i) => new PhaseSpan(
            entry.Phase,
            entry.At,
            i + 1 < ordered.Count ? ordered[i + 1].At : (end > entry.At ? end : entry.At))).ToList();
    }
}
