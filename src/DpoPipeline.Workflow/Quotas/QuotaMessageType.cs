namespace DpoPipeline.Workflow.Quotas;

public enum QuotaMessageType
{
    /// <summary>Queue for a slot (or ask again where the request stands).</summary>
    Request,

    /// <summary>Give up a slot or a place in line; without a kind, all of the holder's.</summary>
    Release,

    /// <summary>The service refused the slot the coordinator had granted: back in line, the kind closed for a while.</summary>
    Refused,
}
