namespace DpoPipeline.Core.Deployments;

/// <summary>A successful ARM answer: status, body, and the Retry-After hint for the next poll.</summary>
internal sealed record ArmResponse(int Status, BinaryData Content, TimeSpan? RetryAfter);
