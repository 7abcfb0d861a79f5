namespace DpoPipeline.Workflow.Activities;

/// <summary>What to release for a run: everything tagged with its id, plus the ids the run recorded (in case a listing lags).</summary>
/// <param name="Owner">The pipeline's owner tag: a deployment is deleted only when it carries it as well as the run id.</param>
/// <param name="OtherJobIds">Further jobs the run recorded, such as its SFT stage's.</param>
public sealed record ReleaseRequest(string RunId, IReadOnlyList<string> FileIds, string? JobId, string Owner, IReadOnlyList<string>? OtherJobIds = null);
