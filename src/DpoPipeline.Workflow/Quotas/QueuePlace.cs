using DpoPipeline.Core.Quotas;

namespace DpoPipeline.Workflow.Quotas;

/// <summary>Where a queued run stands, for its status: 1 = next; the reason in the words of the limit (<c>jobs: 1/1 running</c>).</summary>
public sealed record QueuePlace(QuotaKind Resource, int Position, string Reason, long Ticket, DateTime Since);
