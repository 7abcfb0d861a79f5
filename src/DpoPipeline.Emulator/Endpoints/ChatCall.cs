using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary>What a chat completion request asked: deployment, messages, the request's seed and how to stream the reply.</summary>
internal sealed record ChatCall(string Deployment, IReadOnlyList<ChatTurn> Messages, int PromptTokens, long? Seed, bool Stream, bool IncludeUsage);
