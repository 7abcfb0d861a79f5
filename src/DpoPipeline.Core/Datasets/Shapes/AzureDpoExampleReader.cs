using System.Text.Json;

namespace DpoPipeline.Core.Datasets.Shapes;

/// <summary>Reads and checks an example already in the Azure/OpenAI DPO format, as strictly as the service does.</summary>
internal static class AzureDpoExampleReader
{
    public const string PreferredOutput = "preferred_output";
    public const string NonPreferredOutput = "non_preferred_output";

    public static PreferenceExample? Read(JsonElement root, IssueCollector issues)
    {
        JsonElement? input = null;
        JsonElement? preferred = null;
        JsonElement? nonPreferred = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "input":
                    input = property.Value;
                    break;
                case PreferredOutput:
                    preferred = property.Value;
                    break;
                case NonPreferredOutput:
                    nonPreferred = property.Value;
                    break;
                default:
                    issues.Warning(IssueCodes.UnrecognizedKey, $"$.{property.Name}", $"The key \"{property.Name}\" is not part of the DPO format.");
                    break;
            }
        }

        var messages = ReadInput(input, issues);
        var preferredMessage = ReadOutput(preferred, PreferredOutput, issues);
        var nonPreferredMessage = ReadOutput(nonPreferred, NonPreferredOutput, issues);
        return messages is null || preferredMessage is null || nonPreferredMessage is null || issues.RecordHasErrors
            ? null
            : new PreferenceExample(messages, preferredMessage, nonPreferredMessage);
    }

    private static List<ChatMessage>? ReadInput(JsonElement? input, IssueCollector issues)
    {
        if (input is not { ValueKind: JsonValueKind.Object } inputObject
            || !inputObject.TryGetProperty("messages", out var list)
            || list.ValueKind != JsonValueKind.Array)
        {
            issues.Error(IssueCodes.MissingMessagesList, "$.input.messages", "The example has no \"input.messages\" list.");
            return null;
        }

        var messages = new List<ChatMessage>(list.GetArrayLength());
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var message = MessageReader.Read(element, $"$.input.messages[{index}]", strict: true, issues);
            if (message is not null)
            {
                if (message.Content.Length == 0)
                {
                    issues.Error(IssueCodes.MissingContent, $"$.input.messages[{index}].content", $"The {message.Role} message has no content.");
                }

                messages.Add(message);
            }

            index++;
        }

        if (index == 0)
        {
            issues.Error(IssueCodes.MissingMessagesList, "$.input.messages", "\"input.messages\" is empty.");
            return null;
        }

        if (messages.Count == index && messages[^1].Role != ChatRoles.User)
        {
            issues.Error(IssueCodes.PromptNotEndingWithUser, $"$.input.messages[{index - 1}].role", $"The prompt ends with a {messages[^1].Role} message, not a user message.");
        }

        return messages;
    }

    private static ChatMessage? ReadOutput(JsonElement? output, string key, IssueCollector issues)
    {
        var path = "$." + key;
        if (output is null)
        {
            issues.Error(IssueCodes.ExampleMissingAssistantMessage, path, $"The example has no \"{key}\".");
            return null;
        }

        if (output.Value.ValueKind != JsonValueKind.Array)
        {
            issues.Error(IssueCodes.DataType, path, $"\"{key}\" must be a list holding one assistant message, not {MessageReader.Describe(output.Value)}.");
            return null;
        }

        var count = output.Value.GetArrayLength();
        if (count == 0)
        {
            issues.Error(IssueCodes.ExampleMissingAssistantMessage, path, $"\"{key}\" is empty.");
            return null;
        }

        if (count > 1)
        {
            issues.Error(IssueCodes.MultipleAssistantOutputs, path, $"\"{key}\" holds {count} messages; it must hold exactly one assistant reply.");
            return null;
        }

        var message = MessageReader.Read(output.Value[0], path + "[0]", strict: true, issues);
        if (message is null)
        {
            return null;
        }

        if (message.Role != ChatRoles.Assistant)
        {
            issues.Error(IssueCodes.ExampleMissingAssistantMessage, path + "[0].role", $"The reply in \"{key}\" has role {message.Role}, not assistant.");
            return null;
        }

        if (message.Content.Length == 0)
        {
            issues.Error(IssueCodes.MissingContent, path + "[0].content", $"The reply in \"{key}\" is empty.");
            return null;
        }

        return message;
    }
}
