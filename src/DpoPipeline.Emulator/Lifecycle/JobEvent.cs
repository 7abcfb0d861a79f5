namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>One entry of a job's event list (Azure sends no <c>data</c> field).</summary>
internal sealed record JobEvent(string Id, DateTimeOffset CreatedAt, string Level, string Message);
