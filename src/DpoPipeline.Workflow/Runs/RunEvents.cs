namespace DpoPipeline.Workflow.Runs;

/// <summary>Names of the external events a run listens to; the HTTP API raises them.</summary>
public static class RunEvents
{
    /// <summary>Stop the run; cancels the fine-tuning job if there is one. Payload: <see cref="CancelRequest"/>.</summary>
    public const string Cancel = "Cancel";

    /// <summary>Decision at the budget gate. Payload: <see cref="ApprovalDecision"/>.</summary>
    public const string Approval = "Approval";

    /// <summary>Delete the deployment now instead of at its TTL. Payload: <see cref="DeleteDeploymentRequest"/>.</summary>
    public const string DeleteDeployment = "DeleteDeployment";

    /// <summary>Pause, resume or cancel the job; sent to the monitor. Payload: <see cref="JobControlRequest"/>.</summary>
    public const string JobControl = "JobControl";

    /// <summary>
    /// Sent by a superseded run to the run that replaced it once everything it held is released. Payload: the superseded run's id.
    /// </summary>
    public const string SupersededRunReleased = "SupersededRunReleased";

    /// <summary>Instance id of a run's job monitor, so the API can reach it.</summary>
    public static string MonitorInstanceId(string runId) => runId + ":monitor";

    /// <summary>Instance id of the monitor of a run's SFT-stage job; it ends like every monitor's, so lists leave it out.</summary>
    public static string SftMonitorInstanceId(string runId) => runId + ":sft:monitor";
}
