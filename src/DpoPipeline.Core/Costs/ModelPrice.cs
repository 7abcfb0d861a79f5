namespace DpoPipeline.Core.Costs;

/// <summary>
/// The prices of one base model per million tokens: training, and (where the table has them) inference input and
/// output on a pay-per-token deployment.
/// </summary>
public sealed record ModelPrice(string Model, decimal TrainingPerMillionTokens, decimal? InputPerMillionTokens = null, decimal? OutputPerMillionTokens = null);
