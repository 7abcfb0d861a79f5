using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DpoPipeline.Core.Datasets.Sft;

/// <summary>
/// Derives supervised fine-tuning data from converted DPO data: each pair becomes its prompt (<c>input.messages</c>)
/// followed by its preferred reply. Reading the run's own train and validation files keeps the DPO split: no prompt
/// the SFT stage trained on is held out from DPO, and the evaluation's held-out prompts stay unseen by both.
/// </summary>
public static class SftDataDeriver
{
    /// <returns>How many examples were written.</returns>
    public static async Task<int> DeriveAsync(Stream dpoJsonl, Stream sftJsonl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dpoJsonl);
        ArgumentNullException.ThrowIfNull(sftJsonl);
        using var reader = new StreamReader(dpoJsonl, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        await using var writer = new StreamWriter(sftJsonl, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        var written = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await writer.WriteLineAsync(ToSft(line).AsMemory(), cancellationToken);
            written++;
        }

        await writer.FlushAsync(cancellationToken);
        return written;
    }

    /// <summary>One Azure DPO line as one SFT line: <c>{"messages": [...input.messages, preferred_output[0]]}</c>.</summary>
    /// <exception cref="FormatException">The line is not a DPO example.</exception>
    public static string ToSft(string dpoLine)
    {
        var node = JsonNode.Parse(dpoLine) as JsonObject ?? throw new FormatException("A DPO line must be a JSON object.");
        var prompt = node["input"]?["messages"] as JsonArray ?? throw new FormatException("A DPO line needs input.messages.");
        var preferred = node["preferred_output"] as JsonArray ?? throw new FormatException("A DPO line needs preferred_output.");
        var messages = new JsonArray();
        foreach (var message in prompt.Concat(preferred))
        {
            messages.Add(message?.DeepClone());
        }

        return new JsonObject { ["messages"] = messages }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
