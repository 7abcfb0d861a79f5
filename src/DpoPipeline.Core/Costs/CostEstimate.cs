namespace DpoPipeline.Core.Costs;

/// <summary>An estimate of what training will cost; never a quote (see <see cref="Notes"/>).</summary>
public sealed record CostEstimate(
    string BaseModel,
    long TrainingTokens,
    int Epochs,
    long BilledTokens,
    decimal PricePerMillionTokens,
    string Currency,
    decimal EstimatedUsd,
    string PriceTableDate,
    string PriceSource,
    IReadOnlyList<string> Notes);
