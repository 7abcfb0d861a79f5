using DpoPipeline.Core.Datasets;

namespace DpoPipeline.Core.Stats;

/// <summary>
/// Shape of a dataset in numbers: rows, turns, token distributions (per the service's counting, message overhead
/// included) of prompts, chosen and rejected replies and whole examples, and how many messages each role has.
/// </summary>
public sealed record DatasetStats(
    string File,
    DatasetFormat? Format,
    DatasetShape? Shape,
    string Encoding,
    long Rows,
    long Examples,
    long InvalidRows,
    Distribution PromptTokens,
    Distribution ChosenTokens,
    Distribution RejectedTokens,
    Distribution ExampleTokens,
    Distribution PromptTurns,
    IReadOnlyDictionary<string, long> MessagesByRole);
