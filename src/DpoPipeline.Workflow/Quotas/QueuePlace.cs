using DpoPipeline.Core.Quotas;

namespace DpoPipeline.Workflow.Quotas;

/// <summary>Where a queued run stands, for its status: 1 = next; the reason in the words of the limit (<c>jobs: 1/1 running</c>).</summary>
public sealed record QueuePlace(QuotaKind Resource, int Position, string Reason, long Ticket, DateTime Since)
{
    /// <summary>The place in words, as the run's status message and the CLI show it.</summary>
    public string Describe() =>
        $"for a {(Resource == QuotaKind.FineTuningJob ? "fine-tuning job" : "fine-tuned deployment")} slot, "
        + $"{(Position == 1 ? "next in line" : $"number {Position} in line")} ({Reason})";
}
