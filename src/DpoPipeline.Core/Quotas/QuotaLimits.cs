namespace DpoPipeline.Core.Quotas;

/// <summary>How many of each kind the pipeline keeps at once, and how long a kind the service refused stays closed.</summary>
public sealed record QuotaLimits(int MaxRunningJobs, int MaxFineTunedDeployments, TimeSpan RecheckAfterRefusal)
{
    public int For(QuotaKind kind) => kind == QuotaKind.FineTuningJob ? MaxRunningJobs : MaxFineTunedDeployments;
}
