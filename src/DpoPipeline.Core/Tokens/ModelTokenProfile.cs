namespace DpoPipeline.Core.Tokens;

/// <summary>How a base model counts tokens and how many one training example may hold.</summary>
public sealed record ModelTokenProfile(string Model, string Encoding, int ExampleTokenLimit, bool SupportsDpo);
