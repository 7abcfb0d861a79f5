namespace DpoPipeline.Workflow.Runs;

public sealed record DeleteDeploymentRequest(string? RequestedBy);
