using System.Text.Json;
using System.Text.RegularExpressions;
using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Emulator.Chat;

/// <summary>
/// Reading chat messages from a request, and the reply to a prompt the emulator holds no preference pair for: a
/// generic sentence seeded by the prompt, with no ground truth behind it.
/// </summary>
internal static partial class ChatResponder
{
    private static readonly string[] Openings =
    [
        "Here is a general answer.",
        "That is a good question.",
        "Let me think about that.",
        "In short, it depends.",
    ];

    private static readonly string[] Bodies =
    [
        "There are several factors to weigh, and the details matter.",
        "Most sources agree on the basics, though specifics vary by context.",
        "A careful look at the situation usually helps more than a quick rule.",
        "It helps to start simple and refine the approach step by step.",
    ];

    public static string GenericAnswer(string prompt)
    {
        var seed = (uint)Ids.Seed(prompt);
        var topic = string.Join(' ', WordPattern().Matches(prompt.ToLowerInvariant()).Select(m => m.Value).Take(6));
        return $"{Openings[seed % Openings.Length]} About \"{topic}\": {Bodies[(seed / 7) % Bodies.Length]}";
    }

    /// <summary>The messages as role and text; content arrays contribute their text parts.</summary>
    public static IReadOnlyList<ChatTurn> Turns(JsonElement messages) =>
        messages.ValueKind != JsonValueKind.Array
            ? []
            : [.. messages.EnumerateArray().Select(m => new ChatTurn(Role(m) ?? string.Empty, Content(m)))];

    /// <summary>The text of the last user message, which is what a question is matched on.</summary>
    public static string LastUserText(JsonElement messages) =>
        Turns(messages).LastOrDefault(t => t.Role == "user")?.Content ?? string.Empty;

    public static int EstimateTokens(string text) => (int)Math.Ceiling(text.Length / 4.0);

    /// <summary>Message content as text: a string, or the text parts of a content array.</summary>
    public static string Content(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Array => string.Join(' ', content.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                .Select(p => p.GetProperty("text").GetString())),
            _ => string.Empty,
        };
    }

    private static string? Role(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? role.GetString() : null;

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
