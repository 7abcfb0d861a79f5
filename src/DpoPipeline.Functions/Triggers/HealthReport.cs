namespace DpoPipeline.Functions.Triggers;

/// <summary>The body of GET /api/health.</summary>
public sealed record HealthReport(string Status, string Version);
