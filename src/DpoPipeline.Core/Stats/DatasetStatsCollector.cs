using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Datasets.Processing;
using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Stats;

/// <summary>Collects <see cref="DatasetStats"/> from one streaming pass (memory: three integers per example).</summary>
public sealed class DatasetStatsCollector
{
    private readonly List<int> _prompt = [];
    private readonly List<int> _chosen = [];
    private readonly List<int> _rejected = [];
    private readonly List<int> _example = [];
    private readonly List<int> _turns = [];
    private long _system;
    private long _user;
    private long _assistant;
    private long _rows;

    public static async Task<DatasetStats> CollectAsync(string path, ValidationOptions options, IProgress<DatasetProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var collector = new DatasetStatsCollector();
        var run = await DatasetPipeline.RunAsync(path, options, emitAzureJson: false, collector.Add, progress, cancellationToken);
        return collector.Build(path, run.Format, run.Binding?.Shape, ModelTokenProfiles.Get(options.BaseModel).Encoding);
    }

    internal void Add(ProcessedBatch batch)
    {
        foreach (var example in batch.Examples)
        {
            Add(example);
        }
    }

    internal void Add(ExampleSummary example)
    {
        _rows++;
        if (example.HasErrors)
        {
            return;
        }

        _prompt.Add(example.PromptTokens);
        _chosen.Add(example.PreferredTokens);
        _rejected.Add(example.NonPreferredTokens);
        _example.Add((int)Math.Min(int.MaxValue, example.TotalTokens));
        _turns.Add(example.InputMessages);
        _system += example.SystemMessages;
        _user += example.UserMessages;
        // Both replies are assistant messages too.
        _assistant += example.AssistantMessages + 2;
    }

    internal DatasetStats Build(string file, DatasetFormat? format, DatasetShape? shape, string encoding) =>
        new(
            file,
            format,
            shape,
            encoding,
            _rows,
            _prompt.Count,
            _rows - _prompt.Count,
            Distribution.Of(_prompt),
            Distribution.Of(_chosen),
            Distribution.Of(_rejected),
            Distribution.Of(_example),
            Distribution.Of(_turns),
            new SortedDictionary<string, long>(StringComparer.Ordinal)
            {
                [ChatRoles.System] = _system,
                [ChatRoles.User] = _user,
                [ChatRoles.Assistant] = _assistant,
            });
}
