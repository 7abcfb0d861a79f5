using DpoPipeline.Core.Datasets.Shapes;

namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>What a pass over one file learned about the file itself (its rows went to the consumer).</summary>
internal sealed record PipelineRun(
    string File,
    DatasetFormat? Format,
    bool Compressed,
    ShapeBinding? Binding,
    long DataBytes,
    IReadOnlyList<ValidationIssue> FileIssues);
