using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DpoPipeline.Emulator.Chat;

/// <summary>
/// Deterministic answers. A base model gives a generic reply seeded by the prompt; a fine-tuned model gives the
/// preferred output of the training example whose prompt shares the most words with the question (Jaccard,
/// earliest example on ties) — so evaluation can measure that fine-tuning changed something.
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

    public static string BaseAnswer(string prompt)
    {
        var seed = (uint)Ids.Seed(prompt);
        var topic = string.Join(' ', Words(prompt).Take(6));
        return $"{Openings[seed % Openings.Length]} About \"{topic}\": {Bodies[(seed / 7) % Bodies.Length]}";
    }

    public static string FineTunedAnswer(string prompt, IReadOnlyList<TrainingExample> examples, string fallbackPrompt)
    {
        var words = Words(prompt).ToHashSet(StringComparer.Ordinal);
        TrainingExample? best = null;
        var bestScore = -1.0;
        foreach (var example in examples)
        {
            var union = words.Count + example.PromptWords.Count - words.Count(example.PromptWords.Contains);
            var score = union == 0 ? 0 : words.Count(example.PromptWords.Contains) / (double)union;
            if (score > bestScore)
            {
                (best, bestScore) = (example, score);
            }
        }

        return best?.PreferredAnswer ?? BaseAnswer(fallbackPrompt);
    }

    /// <summary>Reads DPO lines (last user turn of <c>input.messages</c> → <c>preferred_output</c>) or SFT lines (last user turn → last assistant turn).</summary>
    public static IReadOnlyList<TrainingExample> ReadExamples(byte[] jsonl)
    {
        var examples = new List<TrainingExample>();
        foreach (var line in Encoding.UTF8.GetString(jsonl).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (Example(document.RootElement) is { } example)
                {
                    examples.Add(example);
                }
            }
            catch (JsonException)
            {
                // Files reach a deployment only after validation; a stray bad line just teaches nothing.
            }
        }

        return examples;
    }

    /// <summary>The text of the last user message, which is what a question is matched on.</summary>
    public static string LastUserText(JsonElement messages) =>
        messages.ValueKind != JsonValueKind.Array
            ? string.Empty
            : messages.EnumerateArray().Where(m => Role(m) == "user").Select(Content).LastOrDefault() ?? string.Empty;

    public static int EstimateTokens(string text) => (int)Math.Ceiling(text.Length / 4.0);

    private static TrainingExample? Example(JsonElement root)
    {
        if (root.TryGetProperty("input", out var input) && input.TryGetProperty("messages", out var messages)
            && root.TryGetProperty("preferred_output", out var preferred) && preferred.ValueKind == JsonValueKind.Array
            && preferred.GetArrayLength() > 0)
        {
            return Create(LastUserText(messages), Content(preferred[0]));
        }

        if (root.TryGetProperty("messages", out var chat) && chat.ValueKind == JsonValueKind.Array)
        {
            var answer = chat.EnumerateArray().Where(m => Role(m) == "assistant").Select(Content).LastOrDefault();
            return answer is null ? null : Create(LastUserText(chat), answer);
        }

        return null;
    }

    private static TrainingExample Create(string prompt, string answer) =>
        new(prompt, answer, Words(prompt).ToHashSet(StringComparer.Ordinal));

    private static string? Role(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? role.GetString() : null;

    /// <summary>Message content as text: a string, or the text parts of a content array.</summary>
    private static string Content(JsonElement message)
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

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
