namespace DpoPipeline.Workflow.Activities;

/// <param name="HeldOutUri">The run's validation split: pairs the model never trained on.</param>
public sealed record EvaluateRequest(string RunId, string Deployment, Uri HeldOutUri);
