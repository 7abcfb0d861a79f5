using System.Collections.Concurrent;

namespace DpoPipeline.Emulator.Chat;

/// <summary>Parsed training examples per file id; uploaded files never change, so entries never go stale.</summary>
internal sealed class TrainingExampleCache
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<TrainingExample>> examples = new(StringComparer.Ordinal);

    public IReadOnlyList<TrainingExample> Get(string fileId, Func<byte[]> content) =>
        examples.GetOrAdd(fileId, _ => ChatResponder.ReadExamples(content()));
}
