using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Activities;

/// <summary>What the SFT stage's data is made from: the run's converted DPO split, or the run's <c>sftData</c> file.</summary>
public sealed record SftPrepareRequest(RunRequest Request, Uri TrainingFileUri, Uri? ValidationFileUri);
