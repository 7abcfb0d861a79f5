namespace DpoPipeline.Workflow.Api;

/// <summary>What became of a command sent to a run; the HTTP API maps it to 202, 404 or 409.</summary>
public enum RunCommandResult
{
    Accepted,
    NotFound,
    Conflict,
}
