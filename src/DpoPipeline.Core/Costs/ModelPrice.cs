namespace DpoPipeline.Core.Costs;

/// <summary>
/// The prices of one base model: training per million tokens, inference input and output per million tokens on a
/// pay-per-token deployment (where the table has them), and hosting a fine-tuned deployment per hour by SKU
/// (<c>standard</c>, <c>globalstandard</c>, <c>developertier</c>; billed per deployment-hour whatever its capacity).
/// </summary>
public sealed record ModelPrice(
    string Model,
    decimal TrainingPerMillionTokens,
    decimal? InputPerMillionTokens = null,
    decimal? OutputPerMillionTokens = null,
    IReadOnlyDictionary<string, decimal>? HostingPerHour = null);
