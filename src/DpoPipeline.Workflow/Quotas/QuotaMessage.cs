using DpoPipeline.Core.Quotas;

namespace DpoPipeline.Workflow.Quotas;

/// <summary>What a run tells the quota coordinator. The holder is the run's instance id, where notices are sent.</summary>
public sealed record QuotaMessage(QuotaMessageType Type, string Holder, string? RequestId = null, QuotaKind? Kind = null, string? Reason = null);
