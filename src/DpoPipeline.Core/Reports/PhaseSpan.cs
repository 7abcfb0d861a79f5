namespace DpoPipeline.Core.Reports;

/// <summary>A phase with its start and end (the next phase's start, or the report time for the last one).</summary>
public sealed record PhaseSpan(string Phase, DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;
}
