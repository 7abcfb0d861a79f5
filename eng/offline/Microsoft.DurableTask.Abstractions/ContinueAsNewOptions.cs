namespace Microsoft.DurableTask;

/// <summary>Stand-in: options of <see cref="TaskOrchestrationContext.ContinueAsNew(ContinueAsNewOptions)"/>.</summary>
public class ContinueAsNewOptions
{
    public object? NewInput { get; set; }

    public bool PreserveUnprocessedEvents { get; set; } = true;

    public string? NewVersion { get; set; }
}
