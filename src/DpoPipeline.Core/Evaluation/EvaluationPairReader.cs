using System.Text;
using System.Text.Json;

namespace DpoPipeline.Core.Evaluation;

/// <summary>
/// Reads held-out examples in the Azure OpenAI DPO JSONL format: <c>input.messages</c>, <c>preferred_output</c> and
/// <c>non_preferred_output</c> (one assistant message each), plus an optional top-level string <c>category</c>.
/// </summary>
public static class EvaluationPairReader
{
    /// <summary>Reads every example; blank lines are skipped.</summary>
    /// <exception cref="EvaluationDataException">A line is not a valid example (the message names the line).</exception>
    public static async Task<IReadOnlyList<EvaluationPair>> ReadAsync(Stream jsonl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        using var reader = new StreamReader(jsonl, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var pairs = new List<EvaluationPair>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                pairs.Add(ParseLine(line, lineNumber));
            }
        }

        return pairs;
    }

    /// <summary>Parses one JSONL line.</summary>
    /// <exception cref="EvaluationDataException">The line is not a valid example.</exception>
    public static EvaluationPair ParseLine(string line, int lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EvaluationDataException(lineNumber, "expected a JSON object.");
            }

            var input = Property(root, "input", JsonValueKind.Object, lineNumber);
            var messages = Property(input, "messages", JsonValueKind.Array, lineNumber)
                .EnumerateArray()
                .Select(message => ReadTurn(message, lineNumber))
                .ToList();
            if (messages.Count == 0 || messages[^1].Role != "user")
            {
                throw new EvaluationDataException(lineNumber, "input.messages must end with a user message.");
            }

            var category = root.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return new EvaluationPair(
                messages,
                ReadSingleAssistantReply(root, "preferred_output", lineNumber),
                ReadSingleAssistantReply(root, "non_preferred_output", lineNumber),
                string.IsNullOrWhiteSpace(category) ? null : category);
        }
        catch (JsonException ex)
        {
            throw new EvaluationDataException(lineNumber, $"not valid JSON ({ex.Message}).", ex);
        }
    }

    private static string ReadSingleAssistantReply(JsonElement root, string name, int lineNumber)
    {
        var replies = Property(root, name, JsonValueKind.Array, lineNumber);
        if (replies.GetArrayLength() != 1)
        {
            throw new EvaluationDataException(lineNumber, $"{name} must hold exactly one assistant message.");
        }

        var turn = ReadTurn(replies[0], lineNumber);
        return turn.Role == "assistant"
            ? turn.Content
            : throw new EvaluationDataException(lineNumber, $"{name} must be an assistant message, not '{turn.Role}'.");
    }

    private static ChatTurn ReadTurn(JsonElement message, int lineNumber)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new EvaluationDataException(lineNumber, "every message must be an object with role and content.");
        }

        var role = Property(message, "role", JsonValueKind.String, lineNumber).GetString()!;
        var content = Property(message, "content", JsonValueKind.String, lineNumber).GetString()!;
        return new ChatTurn(role, content);
    }

    private static JsonElement Property(JsonElement parent, string name, JsonValueKind kind, int lineNumber) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new EvaluationDataException(lineNumber, $"missing '{name}' ({kind.ToString().ToLowerInvariant()} expected).");
}
