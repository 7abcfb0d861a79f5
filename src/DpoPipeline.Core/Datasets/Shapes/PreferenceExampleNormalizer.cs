using System.Text.Json;

namespace DpoPipeline.Core.Datasets.Shapes;

/// <summary>
/// Turns a row of any non-Azure layout into a <see cref="PreferenceExample"/>, using the fields of a binding.
/// Values may be strings, hh transcripts, single messages or message lists; when chosen and rejected are whole
/// conversations the prompt is the explicit one, or else their longest common prefix.
/// </summary>
internal static class PreferenceExampleNormalizer
{
    public static PreferenceExample? Normalize(JsonElement root, ColumnMapping fields, IssueCollector issues)
    {
        var prompt = new List<ChatMessage>();
        if (fields.System is not null)
        {
            AddSystem(root, fields.System, prompt, issues);
        }

        if (fields.History is not null)
        {
            AddHistory(root, fields.History, prompt, issues);
        }

        var explicitPrompt = fields.Prompt is null ? null : ReadTurns(root, fields.Prompt, ChatRoles.User, issues);
        var chosen = ReadTurns(root, fields.Chosen, ChatRoles.Assistant, issues);
        var rejected = ReadTurns(root, fields.Rejected, ChatRoles.Assistant, issues);
        if (chosen is null || rejected is null || (fields.Prompt is not null && explicitPrompt is null))
        {
            return null;
        }

        if (explicitPrompt is not null)
        {
            DropTrailingEmptyAssistant(explicitPrompt);
            StripPrefix(chosen, explicitPrompt);
            StripPrefix(rejected, explicitPrompt);
            prompt.AddRange(explicitPrompt);
        }

        // Whole conversations on both sides: what they share is prompt, what follows must be one reply each.
        var shared = CommonPrefixLength(chosen, rejected);
        prompt.AddRange(chosen.Take(shared));
        chosen.RemoveRange(0, shared);
        rejected.RemoveRange(0, shared);

        var preferred = SingleReply(chosen, fields.Chosen, "chosen", issues);
        var nonPreferred = SingleReply(rejected, fields.Rejected, "rejected", issues);
        if (prompt.Count == 0)
        {
            issues.Error(IssueCodes.MissingMessagesList, JsonFieldPath.Display(fields.Prompt ?? fields.Chosen), "No prompt could be found for this example.");
            return null;
        }

        if (prompt[^1].Role != ChatRoles.User)
        {
            issues.Error(IssueCodes.PromptNotEndingWithUser, JsonFieldPath.Display(fields.Prompt ?? fields.Chosen), $"The prompt ends with a {prompt[^1].Role} message, not a user message.");
        }

        return preferred is null || nonPreferred is null || issues.RecordHasErrors ? null : new PreferenceExample(prompt, preferred, nonPreferred);
    }

    private static void AddSystem(JsonElement root, string path, List<ChatMessage> prompt, IssueCollector issues)
    {
        if (!JsonFieldPath.TryResolve(root, path, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            issues.Error(IssueCodes.DataType, JsonFieldPath.Display(path), $"The system prompt must be a string, not {MessageReader.Describe(value)}.");
            return;
        }

        var text = value.GetString()!;
        if (!string.IsNullOrWhiteSpace(text))
        {
            prompt.Add(new ChatMessage(ChatRoles.System, text));
        }
    }

    /// <summary>Earlier turns as [question, answer] pairs (MedicalGPT, LLaMA-Factory "history").</summary>
    private static void AddHistory(JsonElement root, string path, List<ChatMessage> prompt, IssueCollector issues)
    {
        if (!JsonFieldPath.TryResolve(root, path, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            issues.Error(IssueCodes.DataType, JsonFieldPath.Display(path), $"The history must be a list of [question, answer] pairs, not {MessageReader.Describe(value)}.");
            return;
        }

        var index = 0;
        foreach (var pair in value.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                || pair[0].ValueKind != JsonValueKind.String || pair[1].ValueKind != JsonValueKind.String)
            {
                issues.Error(IssueCodes.DataType, $"{JsonFieldPath.Display(path)}[{index}]", "Each history entry must be a [question, answer] pair of strings.");
                return;
            }

            prompt.Add(new ChatMessage(ChatRoles.User, pair[0].GetString()!));
            prompt.Add(new ChatMessage(ChatRoles.Assistant, pair[1].GetString()!));
            index++;
        }
    }

    /// <summary>Reads a field as turns: a plain string becomes one message with <paramref name="stringRole"/>.</summary>
    private static List<ChatMessage>? ReadTurns(JsonElement root, string path, string stringRole, IssueCollector issues)
    {
        var display = JsonFieldPath.Display(path);
        if (!JsonFieldPath.TryResolve(root, path, out var value))
        {
            issues.Error(IssueCodes.MessageMissingKey, display, $"The field \"{path}\" is missing.");
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                return TranscriptParser.LooksLikeTranscript(text) ? TranscriptParser.Parse(text) : [new ChatMessage(stringRole, text)];
            case JsonValueKind.Object:
                var single = MessageReader.Read(value, display, strict: false, issues);
                return single is null ? null : [single];
            case JsonValueKind.Array:
                var turns = new List<ChatMessage>(value.GetArrayLength());
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    var message = MessageReader.Read(element, $"{display}[{index++}]", strict: false, issues);
                    if (message is null)
                    {
                        return null;
                    }

                    turns.Add(message);
                }

                return turns;
            case JsonValueKind.Null:
                issues.Error(IssueCodes.MissingContent, display, $"The field \"{path}\" is null.");
                return null;
            default:
                issues.Error(IssueCodes.DataType, display, $"The field \"{path}\" must be text or messages, not {MessageReader.Describe(value)}.");
                return null;
        }
    }

    private static void DropTrailingEmptyAssistant(List<ChatMessage> prompt)
    {
        // A prompt transcript ending in "\n\nAssistant:" announces the reply; it is not a turn.
        if (prompt.Count > 0 && prompt[^1].Role == ChatRoles.Assistant && string.IsNullOrWhiteSpace(prompt[^1].Content))
        {
            prompt.RemoveAt(prompt.Count - 1);
        }
    }

    private static void StripPrefix(List<ChatMessage> turns, List<ChatMessage> prefix)
    {
        if (turns.Count > prefix.Count && turns.Take(prefix.Count).SequenceEqual(prefix, SameTurn.Instance))
        {
            turns.RemoveRange(0, prefix.Count);
        }
    }

    /// <summary>Shared leading turns, always leaving at least one turn on each side.</summary>
    private static int CommonPrefixLength(List<ChatMessage> chosen, List<ChatMessage> rejected)
    {
        var limit = Math.Min(chosen.Count, rejected.Count) - 1;
        var shared = 0;
        while (shared < limit && SameTurn.Instance.Equals(chosen[shared], rejected[shared]))
        {
            shared++;
        }

        return shared;
    }

    private static ChatMessage? SingleReply(List<ChatMessage> turns, string path, string side, IssueCollector issues)
    {
        var display = JsonFieldPath.Display(path);
        if (turns.Count != 1)
        {
            issues.Error(IssueCodes.MultipleAssistantOutputs, display, $"The {side} side has {turns.Count} turns after the shared prompt; it must be exactly one assistant reply (the conversations diverge before their last turn).");
            return null;
        }

        var reply = turns[0];
        if (reply.Role != ChatRoles.Assistant)
        {
            issues.Error(IssueCodes.ExampleMissingAssistantMessage, display, $"The {side} reply has role {reply.Role}, not assistant.");
            return null;
        }

        if (reply.Content.Length == 0)
        {
            issues.Error(IssueCodes.MissingContent, display, $"The {side} reply is empty.");
            return null;
        }

        return reply;
    }

    private sealed class SameTurn : IEqualityComparer<ChatMessage>
    {
        public static SameTurn Instance { get; } = new();

        public bool Equals(ChatMessage? x, ChatMessage? y) =>
            x is not null && y is not null && x.Role == y.Role && string.Equals(x.Content, y.Content, StringComparison.Ordinal);

        public int GetHashCode(ChatMessage obj) => HashCode.Combine(obj.Role, obj.Content);
    }
}
