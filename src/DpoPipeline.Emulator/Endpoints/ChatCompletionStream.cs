using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary>
/// A reply as the service streams it: server-sent events, one <c>data: {chunk}</c> each — the role first, then the
/// text a word at a time, then the finish reason, the usage when asked for — ending with <c>data: [DONE]</c>.
/// </summary>
internal static partial class ChatCompletionStream
{
    public static async Task WriteAsync(Stream output, ChatCompletionBody completion, bool includeUsage)
    {
        await SendAsync(output, completion.Chunk(new JsonObject { ["content"] = string.Empty, ["refusal"] = null, ["role"] = "assistant" }));
        foreach (var piece in WordPieces().Matches(completion.Answer).Select(m => m.Value))
        {
            await SendAsync(output, completion.Chunk(new JsonObject { ["content"] = piece }));
        }

        await SendAsync(output, completion.Chunk([], finishReason: "stop"));
        if (includeUsage)
        {
            await SendAsync(output, completion.UsageChunk());
        }

        await WriteAsync(output, "data: [DONE]\n\n");
    }

    private static Task SendAsync(Stream output, JsonObject chunk) => WriteAsync(output, $"data: {chunk.ToJsonString()}\n\n");

    private static async Task WriteAsync(Stream output, string text)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes(text));
        await output.FlushAsync();
    }

    // A word with the whitespace before it, so the pieces concatenate back to the answer exactly.
    [GeneratedRegex(@"\s*\S+|\s+$")]
    private static partial Regex WordPieces();
}
