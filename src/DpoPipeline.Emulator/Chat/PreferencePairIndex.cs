using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Chat;

/// <summary>
/// The preference pairs of every uploaded fine-tune file (training and validation alike), by prompt: the ground
/// truth the emulated models answer from. Uploaded files never change, so each file is parsed once.
/// </summary>
internal sealed class PreferencePairIndex
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, PreferencePair>> _byFile = new(StringComparer.Ordinal);

    /// <summary>The pair whose prompt is <paramref name="prompt"/>, from the earliest upload that has one; call inside a store lock.</summary>
    public PreferencePair? Find(EmulatorStore state, string prompt) =>
        state.Files
            .Where(f => f.Purpose == FileLifecycle.FineTunePurpose)
            .Select(f => _byFile.GetOrAdd(f.Id, id => Read(state.FileContent(id) ?? [])).GetValueOrDefault(prompt))
            .FirstOrDefault(pair => pair is not null);

    /// <summary>DPO lines: last user turn of <c>input.messages</c>, first <c>preferred_output</c> and <c>non_preferred_output</c>.</summary>
    private static Dictionary<string, PreferencePair> Read(byte[] jsonl)
    {
        var pairs = new Dictionary<string, PreferencePair>(StringComparer.Ordinal);
        foreach (var line in Encoding.UTF8.GetString(jsonl).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (Pair(document.RootElement) is { } pair)
                {
                    pairs.TryAdd(pair.Prompt, pair);
                }
            }
            catch (JsonException)
            {
                // A bad line (or a BOM-prefixed first line the service would also reject) teaches nothing.
            }
        }

        return pairs;
    }

    private static PreferencePair? Pair(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object
        && input.TryGetProperty("messages", out var messages)
        && FirstReply(root, "preferred_output") is { } chosen
        && FirstReply(root, "non_preferred_output") is { } rejected
            ? new PreferencePair(ChatResponder.LastUserText(messages), chosen, rejected)
            : null;

    private static string? FirstReply(JsonElement root, string name) =>
        root.TryGetProperty(name, out var replies) && replies.ValueKind == JsonValueKind.Array && replies.GetArrayLength() > 0
            ? ChatResponder.Content(replies[0])
            : null;
}
