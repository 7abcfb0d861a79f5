using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DpoPipeline.Emulator.Validation;

/// <summary>
/// Minimal built-in check: every non-empty line is a JSON object that is either a DPO example
/// (<c>input.messages</c>, <c>preferred_output</c>, <c>non_preferred_output</c>) or a chat SFT example (<c>messages</c>).
/// Core's full validator can replace it through <see cref="EmulatorOptions.FileValidator"/>.
/// </summary>
public sealed class DpoJsonlFileValidator : IUploadedFileValidator
{
    public async Task<string?> ValidateAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var lineNumber = -1;
        var examples = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var problem = CheckLine(line, lineNumber);
            if (problem is not null)
            {
                return problem;
            }

            examples++;
        }

        return examples == 0 ? "The file contains no examples." : null;
    }

    private static string? CheckLine(string line, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return Format("Deserialization of line #{0} failed.", lineNumber);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Format("Line #{0} is not a JSON object.", lineNumber);
            }

            if (root.TryGetProperty("messages", out var messages))
            {
                return messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
                    ? null
                    : Format("Line #{0}: 'messages' must be a non-empty array.", lineNumber);
            }

            if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object
                || !input.TryGetProperty("messages", out var inputMessages) || inputMessages.ValueKind != JsonValueKind.Array
                || inputMessages.GetArrayLength() == 0)
            {
                return Format("Line #{0}: missing 'input.messages'.", lineNumber);
            }

            foreach (var name in new[] { "preferred_output", "non_preferred_output" })
            {
                if (!root.TryGetProperty(name, out var output) || output.ValueKind != JsonValueKind.Array || output.GetArrayLength() != 1)
                {
                    return Format("Line #{0}: '{1}' must be an array with exactly one assistant message.", lineNumber, name);
                }
            }

            return null;
        }
    }

    private static string Format(string template, params object[] args) => string.Format(CultureInfo.InvariantCulture, template, args);
}
