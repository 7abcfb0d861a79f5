using System.Globalization;

namespace DpoPipeline.Core.Sweeps;

/// <summary>
/// Picks the variant to deploy: the highest win rate against the base model; equal win rates go to the lower final
/// validation loss; without any win rate (no held-out pairs, or no evaluation came through), the lowest validation
/// loss alone decides. A variant with no value loses to one with a value; the lower index breaks what remains.
/// </summary>
public static class SweepWinnerRule
{
    public const string Statement = "highest win rate against the base model; ties by lower final validation loss (validation loss alone without held-out pairs)";

    // Win rates are ratios of small counts: equal ones are exactly equal, but keep rounding noise out.
    private const double Tolerance = 1e-9;

    public static SweepDecision Pick(IReadOnlyList<SweepCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var succeeded = candidates.Where(c => c.Succeeded).ToList();
        if (succeeded.Count == 0)
        {
            return new SweepDecision(null, $"All {candidates.Count} variant(s) failed; nothing was deployed.");
        }

        var ranked = succeeded
            .OrderByDescending(c => c.WinRate is null ? double.NegativeInfinity : Math.Round(c.WinRate.Value / Tolerance) * Tolerance)
            .ThenBy(c => c.ValidationLoss ?? double.PositiveInfinity)
            .ThenBy(c => c.Index)
            .ToList();
        var winner = ranked[0];
        var name = $"v{winner.Index} ({winner.Label})";
        if (ranked.Count == 1)
        {
            return new SweepDecision(winner.Index, $"{name} is the only variant that produced a model.");
        }

        var next = ranked[1];
        if (winner.WinRate is { } rate)
        {
            return next.WinRate is { } nextRate && Math.Abs(nextRate - rate) < Tolerance
                ? new SweepDecision(
                    winner.Index,
                    $"{name} won: it ties v{next.Index} at a win rate of {Percent(rate)} and has the lower final validation loss ({Loss(winner.ValidationLoss)} vs {Loss(next.ValidationLoss)}).")
                : new SweepDecision(
                    winner.Index,
                    $"{name} won: the highest win rate against the base model, {Percent(rate)} (next: v{next.Index} at {(next.WinRate is { } r ? Percent(r) : "no win rate")}).");
        }

        return new SweepDecision(
            winner.Index,
            $"{name} won by the lowest final validation loss, {Loss(winner.ValidationLoss)} (next: v{next.Index} at {Loss(next.ValidationLoss)}); no variant had a win rate to compare.");
    }

    private static string Percent(double rate) => rate.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Loss(double? loss) => loss?.ToString("0.####", CultureInfo.InvariantCulture) ?? "none";
}
