namespace DpoPipeline.Core.Quotas;

/// <summary>
/// Who holds and who waits for the resource's fine-tuning slots, first come first served. Immutable, so the durable
/// coordinator that owns it can carry it through a restart as plain data; every change returns a new ledger.
/// </summary>
public sealed record QuotaLedger
{
    public static QuotaLedger Empty { get; } = new();

    public IReadOnlyList<QuotaClaim> Holders { get; init; } = [];

    /// <summary>In order of service: by ticket.</summary>
    public IReadOnlyList<QuotaClaim> Waiters { get; init; } = [];

    public long NextTicket { get; init; } = 1;

    /// <summary>Kinds the service refused although the ledger had room: closed until their retry time.</summary>
    public IReadOnlyDictionary<QuotaKind, QuotaRefusal> Refusals { get; init; } = new Dictionary<QuotaKind, QuotaRefusal>();

    /// <summary>The earliest time a refused kind opens again, for the coordinator's timer; null when none is refused.</summary>
    public DateTime? NextRecheck => Refusals.Count == 0 ? null : Refusals.Values.Min(r => r.RetryAt);

    /// <summary>
    /// Queues a request. Asking again with the same id is harmless (a holder repeats its request until it hears back) and
    /// makes the ledger tell it its state again. A new request of a holder for a kind replaces its earlier one of that kind.
    /// </summary>
    public QuotaLedger Request(string holder, string requestId, QuotaKind kind, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (Find(holder, requestId) is { } known)
        {
            return Replace(known, known with { Told = null });
        }

        var claim = new QuotaClaim(holder, requestId, kind, NextTicket, now);
        var withoutEarlier = Release(holder, kind);
        return withoutEarlier with { Waiters = [.. withoutEarlier.Waiters, claim], NextTicket = NextTicket + 1 };
    }

    /// <summary>Gives up the holder's slots and places in line, of one kind or of all; a freed slot reopens a refused kind.</summary>
    public QuotaLedger Release(string holder, QuotaKind? kind = null)
    {
        bool Mine(QuotaClaim c) => c.Holder == holder && (kind is null || c.Kind == kind);
        var freed = Holders.Where(Mine).Select(c => c.Kind).ToHashSet();
        if (freed.Count == 0 && !Waiters.Any(Mine))
        {
            return this;
        }

        return this with
        {
            Holders = [.. Holders.Where(c => !Mine(c))],
            Waiters = [.. Waiters.Where(c => !Mine(c))],
            Refusals = Refusals.Where(r => !freed.Contains(r.Key)).ToDictionary(),
        };
    }

    /// <summary>
    /// The service refused a slot this ledger had granted (something outside the pipeline uses it): the claim goes back
    /// in line with its ticket, so it is served first again, and the kind stays closed until <paramref name="retryAt"/>.
    /// </summary>
    public QuotaLedger Refuse(string holder, string requestId, string message, DateTime retryAt)
    {
        if (Find(holder, requestId) is not { } claim)
        {
            return this;
        }

        var waiting = claim with { Told = null };
        return this with
        {
            Holders = [.. Holders.Where(c => c != claim)],
            Waiters = [.. Waiters.Where(c => c != claim).Append(waiting).OrderBy(c => c.Ticket)],
            Refusals = new Dictionary<QuotaKind, QuotaRefusal>(Refusals) { [claim.Kind] = new QuotaRefusal(message, retryAt) },
        };
    }

    /// <summary>
    /// Grants waiting claims in ticket order while their kind has room and is not refused, and says what changed for
    /// whom: a notice for each claim whose state (granted, or place and reason) differs from what its holder was told.
    /// </summary>
    public (QuotaLedger Ledger, IReadOnlyList<QuotaNotice> Notices) Settle(QuotaLimits limits, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var refusals = Refusals.Where(r => r.Value.RetryAt > now).ToDictionary();
        var holders = Holders.ToList();
        var waiters = new List<QuotaClaim>();
        var notices = new List<QuotaNotice>();
        foreach (var claim in Waiters.OrderBy(c => c.Ticket))
        {
            var held = holders.Count(c => c.Kind == claim.Kind);
            if (held < limits.For(claim.Kind) && !refusals.ContainsKey(claim.Kind))
            {
                holders.Add(Tell(claim, new QuotaNotice(claim.Holder, claim.RequestId, claim.Kind, Granted: true, Position: 0, Reason: null, claim.Ticket), notices));
            }
            else
            {
                var position = waiters.Count(c => c.Kind == claim.Kind) + 1;
                var reason = refusals.TryGetValue(claim.Kind, out var refusal) ? $"refused by the service until {refusal.RetryAt:u}: {refusal.Message}" : Usage(claim.Kind, held, limits);
                waiters.Add(Tell(claim, new QuotaNotice(claim.Holder, claim.RequestId, claim.Kind, Granted: false, position, reason, claim.Ticket), notices));
            }
        }

        // Holders told nothing yet (granted before a restart, or asking again) hear that they hold their slot.
        for (var i = 0; i < holders.Count; i++)
        {
            var claim = holders[i];
            holders[i] = Tell(claim, new QuotaNotice(claim.Holder, claim.RequestId, claim.Kind, Granted: true, Position: 0, Reason: null, claim.Ticket), notices);
        }

        return (this with { Holders = holders, Waiters = waiters, Refusals = refusals }, notices);
    }

    /// <summary>How much of a kind the pipeline uses, in the words the run status shows (<c>jobs: 1/1 running</c>).</summary>
    public static string Usage(QuotaKind kind, int held, QuotaLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return kind == QuotaKind.FineTuningJob ? $"jobs: {held}/{limits.MaxRunningJobs} running" : $"deployments: {held}/{limits.MaxFineTunedDeployments}";
    }

    private static QuotaClaim Tell(QuotaClaim claim, QuotaNotice notice, List<QuotaNotice> notices)
    {
        var told = notice.Granted ? "granted" : $"{notice.Position}: {notice.Reason}";
        if (claim.Told == told)
        {
            return claim;
        }

        notices.Add(notice);
        return claim with { Told = told };
    }

    private QuotaClaim? Find(string holder, string requestId) =>
        Holders.Concat(Waiters).FirstOrDefault(c => c.Holder == holder && c.RequestId == requestId);

    private QuotaLedger Replace(QuotaClaim old, QuotaClaim updated) => this with
    {
        Holders = [.. Holders.Select(c => c == old ? updated : c)],
        Waiters = [.. Waiters.Select(c => c == old ? updated : c)],
    };
}
