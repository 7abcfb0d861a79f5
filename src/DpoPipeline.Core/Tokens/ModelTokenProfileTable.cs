namespace DpoPipeline.Core.Tokens;

/// <summary>The shape of the embedded model-profiles.json data file.</summary>
internal sealed record ModelTokenProfileTable(string Source, IReadOnlyList<ModelTokenProfile> Models);
