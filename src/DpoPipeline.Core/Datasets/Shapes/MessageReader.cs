using System.Text;
using System.Text.Json;

namespace DpoPipeline.Core.Datasets.Shapes;

/// <summary>
/// Reads chat messages from JSON. Strict mode follows the service (role/content keys, its role names, no unknown keys);
/// lenient mode also takes other formats' spellings (from/value, human/gpt/bot) and maps them.
/// </summary>
internal static class MessageReader
{
    public static ChatMessage? Read(JsonElement element, string path, bool strict, IssueCollector issues)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Error(IssueCodes.DataType, path, $"A message must be a JSON object, not {Describe(element)}.");
            return null;
        }

        JsonElement? role = null;
        JsonElement? content = null;
        string? name = null;
        var hasToolCalls = false;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "role":
                    role = property.Value;
                    break;
                case "content":
                    content = property.Value;
                    break;
                case "from" or "speaker" when !strict:
                    role = property.Value;
                    break;
                case "value" or "text" when !strict:
                    content = property.Value;
                    break;
                case "name":
                    name = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "tool_calls":
                    hasToolCalls = property.Value.ValueKind == JsonValueKind.Array;
                    break;
                case "tool_call_id" or "weight":
                    break;
                default:
                    if (strict)
                    {
                        issues.Error(IssueCodes.MessageUnrecognizedKey, $"{path}.{property.Name}", $"Messages may not have the key \"{property.Name}\".");
                    }

                    break;
            }
        }

        if (role is null)
        {
            issues.Error(IssueCodes.MessageMissingKey, path, "The message has no \"role\".");
            return null;
        }

        var roleName = ReadRole(role.Value, $"{path}.role", strict, issues);
        if (content is null && !hasToolCalls)
        {
            issues.Error(IssueCodes.MessageMissingKey, path, "The message has no \"content\".");
            return null;
        }

        var text = content is null ? string.Empty : ReadContent(content.Value, $"{path}.content", issues);
        if (roleName is null || text is null)
        {
            return null;
        }

        return new ChatMessage(roleName, text, name);
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string? ReadRole(JsonElement role, string path, bool strict, IssueCollector issues)
    {
        if (role.ValueKind != JsonValueKind.String)
        {
            issues.Error(IssueCodes.DataType, path, $"\"role\" must be a string, not {Describe(role)}.");
            return null;
        }

        var raw = role.GetString()!;
        var normalized = strict ? (ChatRoles.IsServiceRole(raw) ? raw : null) : ChatRoles.Normalize(raw);
        if (normalized is null)
        {
            issues.Error(IssueCodes.UnrecognizedRole, path, $"The role \"{raw}\" is not one the service knows.");
        }

        return normalized;
    }

    /// <summary>Content is a string, or a list of text parts (joined); anything else is a data_type error.</summary>
    private static string? ReadContent(JsonElement content, string path, IssueCollector issues)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Null:
                return string.Empty;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                    {
                        text.Append(partText.GetString());
                    }
                    else
                    {
                        issues.Error(IssueCodes.DataType, path, "Only text content parts ({\"type\": \"text\", \"text\": …}) are supported in DPO data.");
                        return null;
                    }
                }

                return text.ToString();
            default:
                issues.Error(IssueCodes.DataType, path, $"\"content\" must be a string, not {Describe(content)}.");
                return null;
        }
    }
}
