using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>Whether both uploaded files are usable; <see cref="Error"/> carries the service's reason when one is not.</summary>
public sealed record FilesProcessingState(bool Processed, RunError? Error);
