using System.Globalization;
using System.Text.Json;

namespace DpoPipeline.Core.Http;

/// <summary>
/// The error body of Azure OpenAI, OpenAI or ARM: <c>{"error": {code, message, param?, type?, details?}}</c>, or the
/// same fields at top level (ARM template validation). Codes arrive as strings ("notFound", "429"), numbers or null.
/// </summary>
public sealed record ServiceError(string? Code, string? Message, string? Param, string? Type, IReadOnlyList<ServiceError> Details)
{
    private static readonly ServiceError Empty = new(null, null, null, null, []);

    /// <summary>Reads an error body; never throws: anything that is not an error object gives an empty error.</summary>
    public static ServiceError Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return Empty;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            return root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? FromElement(error)
                : FromElement(root);
        }
        catch (JsonException)
        {
            // Gateways sometimes answer with HTML or plain text; the status code still classifies the error.
            return Empty;
        }
    }

    /// <summary>The code and every nested detail code, for classification ("InvalidTemplateDeployment InsufficientQuota").</summary>
    public string AllCodes => string.Join(' ', new[] { Code }.Concat(Details.Select(d => d.Code)).Where(c => !string.IsNullOrEmpty(c)));

    /// <summary>The message followed by the nested detail messages.</summary>
    public string? FullMessage
    {
        get
        {
            var parts = new[] { Message }.Concat(Details.Select(d => d.Message)).Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
            return parts.Count == 0 ? null : string.Join(" | ", parts);
        }
    }

    private static ServiceError FromElement(JsonElement element)
    {
        var details = element.TryGetProperty("details", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object).Select(FromElement).ToList()
            : [];
        return new ServiceError(Text(element, "code"), Text(element, "message"), Text(element, "param"), Text(element, "type"), details);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True or JsonValueKind.False => value.GetBoolean().ToString(CultureInfo.InvariantCulture),
                _ => null,
            }
            : null;
}
