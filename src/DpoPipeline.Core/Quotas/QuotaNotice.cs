namespace DpoPipeline.Core.Quotas;

/// <summary>What a holder is told about its request: granted, or its place in line (1 = next) and why it waits.</summary>
public sealed record QuotaNotice(string Holder, string RequestId, QuotaKind Kind, bool Granted, int Position, string? Reason, long Ticket);
