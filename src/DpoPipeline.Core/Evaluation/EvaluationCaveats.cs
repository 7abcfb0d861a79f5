using System.Globalization;
using DpoPipeline.Core.Reports;

namespace DpoPipeline.Core.Evaluation;

/// <summary>The sentences that must travel with an evaluation's headline so it is never taken for more than it is.</summary>
internal static class EvaluationCaveats
{
    public const string Emulated =
        "Emulated: the answers came from the local emulator's ground-truth models (configured preference rates), so these "
        + "figures test the evaluator; they measure no real model.";

    public const string LexicalProxy =
        "No judge: the win rate is the lexical proxy (wording overlap with the dataset's reference replies), not a judgement of quality.";

    public const string UnknownService = "The service that produced the answers was not recorded.";

    public const string UncalibratedJudge =
        "The judge was not calibrated on the dataset's labels, so how far its verdicts can be trusted is unknown.";

    public static IReadOnlyList<string> Of(EvaluationResult result)
    {
        var caveats = new List<string>();
        if (result.Provenance is { } provenance)
        {
            if (provenance.IsEmulated)
            {
                caveats.Add(Emulated);
            }
            else if (provenance.Service is null)
            {
                caveats.Add(UnknownService);
            }
        }

        if (result.HeadlineMethod == EvaluationMethod.LexicalProxy)
        {
            caveats.Add(LexicalProxy);
        }
        else if (result.JudgeCalibration is not { Judged: > 0 } calibration)
        {
            caveats.Add(UncalibratedJudge);
        }
        else if (!calibration.IsReliable)
        {
            var agreement = ReportFormat.Percent(calibration.Agreement);
            var interval = ReportFormat.Interval(calibration.AgreementInterval);
            var required = ReportFormat.Percent(calibration.MinimumAgreement);
            caveats.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"The judge agreed with the dataset's labels on {agreement} of {calibration.Judged} held-out pairs (95% CI {interval}), below the {required} required: its win rate is unreliable."));
        }

        if (result.Failures.Count > 0)
        {
            caveats.Add(string.Create(CultureInfo.InvariantCulture, $"{result.Failures.Count} call(s) failed after retries; their examples have no outcome."));
        }

        return caveats;
    }
}
