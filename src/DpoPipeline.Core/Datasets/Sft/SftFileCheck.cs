using System.Text;
using System.Text.Json;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Datasets.Sft;

/// <summary>
/// Checks a supervised fine-tuning file line by line as the service does: one JSON object per line with a
/// <c>messages</c> list of system/user/assistant turns with string content, at least one user turn, ending in an
/// assistant turn, within the model's per-example token limit; at least <see cref="MinimumExamples"/> examples.
/// </summary>
public static class SftFileCheck
{
    public const int MinimumExamples = 10;
    public const string InvalidLine = "sft_invalid_line";
    public const string MissingMessages = "sft_missing_messages";
    public const string BadMessage = "sft_bad_message";
    public const string NoUserTurn = "sft_no_user_turn";
    public const string NotEndingInAssistant = "sft_not_ending_in_assistant";
    public const string TooLong = "sft_example_too_long";
    public const string TooFewExamples = "sft_too_few_examples";

    private const int MaxIssues = 50;
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "user", "assistant" };

    /// <param name="model">A catalogue or fine-tuned model: its family sets the tokenizer and the token limit.</param>
    public static async Task<SftFileReport> CheckAsync(Stream content, string fileName, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var profile = ModelTokenProfiles.Get(model);
        var counter = new TokenCounter(profile.Encoding);
        var issues = new List<ValidationIssue>();
        var examples = 0;
        long tokens = 0;
        long line = 0;
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (messages, problem) = Read(text);
            if (problem is not null)
            {
                Add(issues, fileName, line, problem.Value.Path, problem.Value.Code, problem.Value.Message);
                continue;
            }

            examples++;
            var count = messages!.Sum(counter.CountMessage) + TokenCounter.ReplyPrimingTokens;
            if (count > profile.ExampleTokenLimit)
            {
                Add(issues, fileName, line, "$.messages", TooLong, $"The example has {count} tokens; {profile.Model} allows {profile.ExampleTokenLimit} per example.");
            }

            tokens += count;
        }

        if (examples < MinimumExamples)
        {
            issues.Add(new ValidationIssue(
                fileName, null, null, TooFewExamples, IssueSeverity.Error,
                $"The file has {examples} valid example(s); fine-tuning needs at least {MinimumExamples}.", "Add examples."));
        }

        return new SftFileReport(examples, tokens, issues);
    }

    /// <summary>The messages of one line, or the first problem with it.</summary>
    public static (IReadOnlyList<ChatMessage>? Messages, (string Code, string? Path, string Message)? Problem) Read(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return (null, (InvalidLine, null, $"The line is not valid JSON: {e.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("messages", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                return (null, (MissingMessages, "$.messages", "Each line must be an object with a non-empty \"messages\" list."));
            }

            var messages = new List<ChatMessage>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = $"$.messages[{index++}]";
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String || !Roles.Contains(role.GetString()!)
                    || !item.TryGetProperty("content", out var body) || body.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(body.GetString()))
                {
                    return (null, (BadMessage, path, "Each message needs a role (system, user or assistant) and non-empty string content."));
                }

                messages.Add(new ChatMessage(role.GetString()!, body.GetString()!));
            }

            if (!messages.Any(m => m.Role == "user"))
            {
                return (null, (NoUserTurn, "$.messages", "The conversation has no user turn."));
            }

            return messages[^1].Role != "assistant"
                ? (null, (NotEndingInAssistant, $"$.messages[{messages.Count - 1}]", "The conversation must end with the assistant's reply the model learns."))
                : (messages, null);
        }
    }

    private static void Add(List<ValidationIssue> issues, string file, long line, string? path, string code, string message)
    {
        if (issues.Count < MaxIssues)
        {
            issues.Add(new ValidationIssue(file, line, path, code, IssueSeverity.Error, message, "Fix or remove the line."));
        }
    }
}
