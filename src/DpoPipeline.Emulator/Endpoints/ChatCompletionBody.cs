using System.Text.Json.Nodes;
using DpoPipeline.Emulator.Chat;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary>One reply in the service's shapes: a whole <c>chat.completion</c>, or the <c>chat.completion.chunk</c>s of a stream.</summary>
internal sealed record ChatCompletionBody(string Id, string Model, DateTimeOffset Created, string Answer, int PromptTokens)
{
    private int CompletionTokens => ChatResponder.EstimateTokens(Answer);

    public JsonObject ToCompletion() => new()
    {
        ["choices"] = new JsonArray(new JsonObject
        {
            ["finish_reason"] = "stop",
            ["index"] = 0,
            ["logprobs"] = null,
            ["message"] = new JsonObject { ["content"] = Answer, ["refusal"] = null, ["role"] = "assistant" },
        }),
        ["created"] = Created.ToUnixTimeSeconds(),
        ["id"] = Id,
        ["model"] = Model,
        ["object"] = "chat.completion",
        ["system_fingerprint"] = "fp_emulator",
        ["usage"] = Usage(),
    };

    /// <summary>A chunk whose only choice carries <paramref name="delta"/>; <paramref name="finishReason"/> on the last.</summary>
    public JsonObject Chunk(JsonObject delta, string? finishReason = null) => ChunkWith(new JsonArray(new JsonObject
    {
        ["delta"] = delta,
        ["finish_reason"] = finishReason,
        ["index"] = 0,
        ["logprobs"] = null,
    }));

    /// <summary>The chunk <c>stream_options.include_usage</c> asks for: no choices, the usage of the whole reply.</summary>
    public JsonObject UsageChunk()
    {
        var chunk = ChunkWith([]);
        chunk["usage"] = Usage();
        return chunk;
    }

    private JsonObject ChunkWith(JsonArray choices) => new()
    {
        ["choices"] = choices,
        ["created"] = Created.ToUnixTimeSeconds(),
        ["id"] = Id,
        ["model"] = Model,
        ["object"] = "chat.completion.chunk",
        ["system_fingerprint"] = "fp_emulator",
    };

    private JsonObject Usage() => new()
    {
        ["completion_tokens"] = CompletionTokens,
        ["prompt_tokens"] = PromptTokens,
        ["total_tokens"] = CompletionTokens + PromptTokens,
    };
}
