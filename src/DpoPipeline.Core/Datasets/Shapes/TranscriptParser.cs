namespace DpoPipeline.Core.Datasets.Shapes;

/// <summary>Splits Anthropic hh-rlhf style transcripts ("\n\nHuman: …\n\nAssistant: …") into chat turns.</summary>
internal static class TranscriptParser
{
    private static readonly (string Marker, string Role)[] Markers = [("Human:", ChatRoles.User), ("Assistant:", ChatRoles.Assistant)];

    public static bool LooksLikeTranscript(string text) =>
        text.Contains("\n\nHuman:", StringComparison.Ordinal)
        || (text.StartsWith("Human:", StringComparison.Ordinal) && text.Contains("\n\nAssistant:", StringComparison.Ordinal));

    /// <summary>Turns in order; a marker counts at the start of the text or after a blank line; contents are trimmed.</summary>
    public static List<ChatMessage> Parse(string text)
    {
        var turns = new List<ChatMessage>();
        string? role = null;
        var contentStart = 0;
        while (true)
        {
            var marker = NextMarker(text, contentStart);
            if (role is not null)
            {
                turns.Add(new ChatMessage(role, text[contentStart..(marker?.Start ?? text.Length)].Trim()));
            }

            if (marker is null)
            {
                return turns;
            }

            role = marker.Value.Role;
            contentStart = marker.Value.ContentStart;
        }
    }

    private static (int Start, int ContentStart, string Role)? NextMarker(string text, int from)
    {
        (int Start, int ContentStart, string Role)? best = null;
        foreach (var (marker, role) in Markers)
        {
            int start;
            int length;
            if (from == 0 && text.StartsWith(marker, StringComparison.Ordinal))
            {
                (start, length) = (0, marker.Length);
            }
            else
            {
                start = text.IndexOf("\n\n" + marker, from, StringComparison.Ordinal);
                length = marker.Length + 2;
            }

            if (start >= 0 && (best is null || start < best.Value.Start))
            {
                best = (start, start + length, role);
            }
        }

        return best;
    }
}
