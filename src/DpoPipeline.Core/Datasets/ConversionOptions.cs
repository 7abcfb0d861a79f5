using DpoPipeline.Core.Tokens;

namespace DpoPipeline.Core.Datasets;

/// <summary>How `dpo convert` reads the source and splits it.</summary>
public sealed record ConversionOptions
{
    public DatasetFormat? Format { get; init; }

    public DatasetShape? Shape { get; init; }

    public ColumnMapping? Mapping { get; init; }

    /// <summary>Share of examples (by prompt groups) written to validation.jsonl; 0 writes no validation file.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of the prompt-keyed split: the same input, options and seed give byte-identical files.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Drop exact duplicate examples (the first occurrence is kept).</summary>
    public bool Deduplicate { get; init; }

    /// <summary>Leave out invalid examples (reported as warnings) instead of refusing the whole dataset.</summary>
    public bool SkipInvalidExamples { get; init; }

    public string BaseModel { get; init; } = ModelTokenProfiles.DefaultModel;

    /// <summary>Limits and parallelism of the passes over the source.</summary>
    public ValidationOptions Reading { get; init; } = new();

    internal ValidationOptions ToValidationOptions() =>
        Reading with { BaseModel = BaseModel, Format = Format, Shape = Shape, Mapping = Mapping, ValidationFile = null };
}
