namespace DpoPipeline.Core.Datasets.Processing;

/// <summary>A worker's results for one record batch, handed to the consumer in file order.</summary>
internal sealed record ProcessedBatch(IReadOnlyList<ExampleSummary> Examples, IReadOnlyList<ValidationIssue> Issues);
