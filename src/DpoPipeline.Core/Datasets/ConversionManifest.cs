namespace DpoPipeline.Core.Datasets;

/// <summary>What `dpo convert` produced and from what: enough to reproduce the files and to trust them.</summary>
public sealed record ConversionManifest(
    string SchemaVersion,
    string Source,
    string SourceSha256,
    DatasetFormat? SourceFormat,
    bool SourceCompressed,
    DatasetShape? SourceShape,
    string? Mapping,
    double ValidationFraction,
    int Seed,
    bool Deduplicated,
    long SourceExamples,
    long DuplicatesDropped,
    ConvertedFile Train,
    ConvertedFile? Validation,
    TokenTotals Tokens)
{
    public const string CurrentSchemaVersion = "1.0";
}
