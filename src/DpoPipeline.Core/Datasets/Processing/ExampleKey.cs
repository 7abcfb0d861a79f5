namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>The fingerprints of one valid example, kept between the two passes of a conversion (32 bytes each).</summary>
internal readonly record struct ExampleKey(long Index, UInt128 Prompt, UInt128 Exact);
