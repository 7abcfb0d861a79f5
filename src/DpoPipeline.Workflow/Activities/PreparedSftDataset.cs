using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>Result of <see cref="PrepareSftDataset"/>: the SFT stage's files in run storage and what checking them found.</summary>
public sealed record PreparedSftDataset
{
    public bool IsValid { get; init; }

    /// <summary>"derived" (prompt + preferred reply of the pairs) or the demonstration file's name.</summary>
    public required string Source { get; init; }

    public int TrainingExamples { get; init; }

    public int ValidationExamples { get; init; }

    public long TrainingTokensPerEpoch { get; init; }

    public Uri? TrainingFileUri { get; init; }

    public Uri? ValidationFileUri { get; init; }

    public int ErrorCount { get; init; }

    /// <summary>The first few problems, with line and JSON path.</summary>
    public IReadOnlyList<RunError> Errors { get; init; } = [];
}
