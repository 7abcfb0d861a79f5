using DpoPipeline.Core.Quotas;

namespace DpoPipeline.Workflow.Quotas;

/// <summary>A slot a run holds: the request the coordinator granted.</summary>
public sealed record QuotaSlot(QuotaKind Kind, string RequestId);
