namespace DpoPipeline.Emulator.Chat;

/// <summary>
/// Stretches an answer to a multiple of its length by restating it, as a verbose model would: the answer stays a
/// prefix of the result, so the emulated judge still knows which reply it is.
/// </summary>
internal static class LengthDrift
{
    public static string Apply(string answer, double factor)
    {
        var target = (int)Math.Round(answer.Length * factor);
        if (answer.Length == 0 || target <= answer.Length)
        {
            return answer;
        }

        var stretched = answer;
        while (stretched.Length < target)
        {
            stretched += " " + answer;
        }

        // End on a word boundary at or after the target, never inside the original answer.
        var cut = stretched.IndexOf(' ', target);
        return cut < 0 ? stretched : stretched[..cut];
    }
}
