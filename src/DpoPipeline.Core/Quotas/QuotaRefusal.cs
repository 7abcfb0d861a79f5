namespace DpoPipeline.Core.Quotas;

/// <summary>The service refused a slot the ledger had room for (someone outside the pipeline uses it): closed until <see cref="RetryAt"/>.</summary>
public sealed record QuotaRefusal(string Message, DateTime RetryAt);
