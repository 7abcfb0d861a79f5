namespace DpoPipeline.Workflow.Quotas;

/// <summary>The one quota coordinator of a task hub and the events it and the runs exchange.</summary>
public static class QuotaEvents
{
    /// <summary>Instance id of the coordinator: one per task hub, so every run of the pipeline queues in one line.</summary>
    public const string CoordinatorInstanceId = "dpo-quota";

    /// <summary>To the coordinator: a request, a release or a refusal. Payload: <see cref="QuotaMessage"/>.</summary>
    public const string Message = "QuotaMessage";

    /// <summary>To a run: granted, or its place in line. Payload: <see cref="Core.Quotas.QuotaNotice"/>.</summary>
    public const string Notice = "QuotaNotice";
}
