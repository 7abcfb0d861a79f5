using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>Result of <see cref="PrepareDataset"/>: where the converted files are and what validation found.</summary>
public sealed record PreparedDataset
{
    public bool IsValid { get; init; }

    public int TrainingExamples { get; init; }

    public int ValidationExamples { get; init; }

    /// <summary>Billable tokens of one pass over the training file, as the service counts them.</summary>
    public long TrainingTokensPerEpoch { get; init; }

    public Uri? TrainingFileUri { get; init; }

    public Uri? ValidationFileUri { get; init; }

    public required Uri ValidationReportUri { get; init; }

    public Uri? ManifestUri { get; init; }

    /// <summary>Token-length histograms of the converted data, for the run report.</summary>
    public Uri? TokenHistogramsUri { get; init; }

    public string? SourceShape { get; init; }

    public int ErrorCount { get; init; }

    public int WarningCount { get; init; }

    /// <summary>The first few errors, for the status API; the full list is in the validation report.</summary>
    public IReadOnlyList<RunError> Errors { get; init; } = [];
}
