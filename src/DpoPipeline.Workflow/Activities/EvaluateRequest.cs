namespace DpoPipeline.Workflow.Activities;

/// <param name="Deployment">The fine-tuned model's deployment.</param>
/// <param name="BaseDeployment">The base model's deployment it is compared with.</param>
/// <param name="HeldOutUri">The run's validation split: pairs the model never trained on.</param>
/// <param name="BaseModel">The model the run fine-tuned; with <paramref name="FineTunedModel"/> it prices the evaluation.</param>
/// <param name="Seed">Sent with every request so the evaluation can be repeated; the run's seed when it has one.</param>
/// <param name="ResultName">The run file the full result goes to; <c>evaluation.json</c> when null (the three-way evaluation names its other two).</param>
public sealed record EvaluateRequest(
    string RunId, string Deployment, string BaseDeployment, Uri HeldOutUri, string? BaseModel = null, string? FineTunedModel = null, long? Seed = null,
    string? ResultName = null);
