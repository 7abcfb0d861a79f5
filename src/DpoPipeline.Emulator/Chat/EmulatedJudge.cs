namespace DpoPipeline.Emulator.Chat;

/// <summary>
/// The verdict of a deployment asked the judge rubric: which candidate is the pair's chosen reply is ground truth;
/// the configured position bias and accuracy decide how often the verdict follows it. Each call draws on its own
/// candidates' order, so the two orders of one comparison are independent draws.
/// </summary>
internal static class EmulatedJudge
{
    public const string NoGroundTruth =
        "The emulator holds no preference pair for this prompt, so its judge has no ground truth to judge by.";

    public static string Verdict(string candidateA, string candidateB, PreferencePair? pair, EmulatedJudgeBehaviour behaviour, string[] seed)
    {
        if (pair is null)
        {
            return NoGroundTruth;
        }

        var a = KindOf(candidateA, pair);
        var b = KindOf(candidateB, pair);
        if (a is null || b is null || a == b)
        {
            return "TIE";
        }

        if (SeededDraw.Uniform([.. seed, "position", candidateA, candidateB]) < behaviour.PositionBias)
        {
            return "A";
        }

        var chosen = a == true ? "A" : "B";
        var rejected = a == true ? "B" : "A";
        return SeededDraw.Uniform([.. seed, "accuracy", candidateA, candidateB]) < behaviour.Accuracy ? chosen : rejected;
    }

    /// <summary>True for the chosen reply (possibly stretched), false for the rejected one, null for anything else.</summary>
    private static bool? KindOf(string candidate, PreferencePair pair)
    {
        var chosen = candidate.StartsWith(pair.Chosen, StringComparison.Ordinal);
        var rejected = candidate.StartsWith(pair.Rejected, StringComparison.Ordinal);
        return chosen && rejected ? pair.Chosen.Length >= pair.Rejected.Length
            : chosen ? true
            : rejected ? false
            : null;
    }
}
