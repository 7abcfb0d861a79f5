using System.Collections.Concurrent;
using DpoPipeline.Core.Evaluation;

namespace DpoPipeline.Core.Tests.Evaluation;

/// <summary>A deployment whose replies a test scripts; it records every conversation it was asked and the seed sent with it.</summary>
internal sealed class ScriptedAnswerSource(string deployment, Func<IReadOnlyList<ChatTurn>, CancellationToken, Task<string>> reply) : IChatAnswerSource
{
    private readonly ConcurrentQueue<(IReadOnlyList<ChatTurn> Messages, long? Seed)> _calls = new();

    public ScriptedAnswerSource(string deployment, Func<IReadOnlyList<ChatTurn>, string> reply)
        : this(deployment, (messages, _) => Task.FromResult(reply(messages)))
    {
    }

    public string Deployment => deployment;

    public IReadOnlyList<IReadOnlyList<ChatTurn>> Calls => [.. _calls.Select(c => c.Messages)];

    public IReadOnlyList<long?> Seeds => [.. _calls.Select(c => c.Seed)];

    public async Task<ChatAnswer> AskAsync(IReadOnlyList<ChatTurn> messages, long? seed, CancellationToken cancellationToken)
    {
        _calls.Enqueue((messages, seed));
        var text = await reply(messages, cancellationToken);
        return new ChatAnswer(text, new TokenUsage(messages.Sum(m => m.Content.Length), text.Length));
    }
}
