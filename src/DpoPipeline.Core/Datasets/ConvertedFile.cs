namespace DpoPipeline.Core.Datasets;

/// <summary>One file `dpo convert` wrote: name inside the output folder, size, examples, SHA-256 (hex) and tokens.</summary>
public sealed record ConvertedFile(string FileName, long Bytes, long Examples, string Sha256, long Tokens);
