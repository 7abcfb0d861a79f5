namespace DpoPipeline.Core.Reports;

/// <summary>When a run entered a phase (queued, training, deployed…); a phase lasts until the next entry.</summary>
public sealed record RunPhaseEntry(string Phase, DateTimeOffset At);
