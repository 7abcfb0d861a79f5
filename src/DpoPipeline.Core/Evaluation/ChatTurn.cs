namespace DpoPipeline.Core.Evaluation;

/// <summary>One message of a conversation sent to a deployment: a role (system, user, assistant) and its text.</summary>
public sealed record ChatTurn(string Role, string Content);
