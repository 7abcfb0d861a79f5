namespace DpoPipeline.Workflow.Runs;

/// <summary>An error a user can act on: a stable code, the message, and where it came from.</summary>
public sealed record RunError(string Code, string Message, string? Source = null);
