namespace DpoPipeline.Core.Costs;

/// <summary>The training price of one base model, per million billed tokens.</summary>
public sealed record ModelPrice(string Model, decimal TrainingPerMillionTokens);
