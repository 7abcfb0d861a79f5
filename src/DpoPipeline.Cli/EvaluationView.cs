using System.Globalization;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Cli;

/// <summary>How an evaluation reads in a summary table: the headline with its method, then what qualifies it and where it came from.</summary>
internal static class EvaluationView
{
    public static IEnumerable<(string Name, string Value)> Rows(EvaluationSummary? e)
    {
        if (e is null)
        {
            yield break;
        }

        if (e.WinRate is not { } winRate)
        {
            yield return ("Win rate vs base", e.Note ?? "no decisive comparison");
            yield break;
        }

        var method = e.Method == EvaluationMethod.Judge ? $"judge {e.JudgeDeployment}" : "lexical proxy, not a judgement of quality";
        yield return ($"Win rate vs base ({method})", $"{Percent(winRate)} (95% CI {Percent(e.WinRateLow)}–{Percent(e.WinRateHigh)}, {e.Pairs} pairs)");
        if (e.LengthControlledWinRate is { } controlled)
        {
            yield return ("Length-controlled win rate", $"{Percent(controlled)} (95% CI {Percent(e.LengthControlledLow)}–{Percent(e.LengthControlledHigh)})");
        }

        if (e.JudgeAgreement is { } agreement)
        {
            yield return ("Judge agreement with the labels",
                $"{Percent(agreement)} (95% CI {Percent(e.JudgeAgreementLow)}–{Percent(e.JudgeAgreementHigh)}){(e.JudgeUnreliable ? ": UNRELIABLE" : string.Empty)}");
        }

        if (e.BaseMedianTokens is { } baseTokens && e.FineTunedMedianTokens is { } fineTunedTokens)
        {
            yield return ("Median answer (tokens, base / fine-tuned)", $"{baseTokens} / {fineTunedTokens}");
        }

        yield return ("Evaluated by", $"{e.Service ?? "an unrecorded service"}; base deployment {e.BaseDeployment ?? "unrecorded"}; seed {e.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none"}"
            + (e.EstimatedCostUsd is { } cost ? $"; about {cost.ToString("0.00", CultureInfo.InvariantCulture)} USD" : string.Empty));
        if (e.Note is not null)
        {
            yield return ("Evaluation note", e.Note);
        }
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P0", CultureInfo.InvariantCulture) : "n/a";
}
