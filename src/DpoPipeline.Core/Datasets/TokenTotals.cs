namespace DpoPipeline.Core.Datasets;

/// <summary>
/// Token counts per the service's counting (3 per message + 1 per name + content) for one base model.
/// Train tokens come from the file validated (or the converted train split), validation tokens from the validation file.
/// </summary>
public sealed record TokenTotals(
    string BaseModel,
    string Encoding,
    int ExampleTokenLimit,
    long TrainTokens,
    long ValidationTokens,
    int MaxExampleTokens);
