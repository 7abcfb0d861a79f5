namespace DpoPipeline.Core.Quotas;

/// <summary>
/// One holder's request for one slot: waiting while in <see cref="QuotaLedger.Waiters"/>, granted while in
/// <see cref="QuotaLedger.Holders"/>. Tickets are handed out in arrival order, which is the order of service.
/// </summary>
public sealed record QuotaClaim(string Holder, string RequestId, QuotaKind Kind, long Ticket, DateTime RequestedAt)
{
    /// <summary>What the holder was last told (granted, or its place and the reason), so it is told again only on a change.</summary>
    public string? Told { get; init; }
}
