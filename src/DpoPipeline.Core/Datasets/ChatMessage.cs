namespace DpoPipeline.Core.Datasets;

/// <summary>One chat turn in the Azure OpenAI format: role is system, user, assistant, developer or tool.</summary>
public sealed record ChatMessage(string Role, string Content, string? Name = null);
