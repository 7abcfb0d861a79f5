using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: triggers a function on an NCRONTAB schedule (or a %Setting% holding one).</summary>
public sealed class TimerTriggerAttribute : TriggerBindingAttribute
{
    public TimerTriggerAttribute(string schedule)
    {
        this.Schedule = schedule;
        this.UseMonitor = true;
    }

    public string Schedule { get; }

    public bool UseMonitor { get; set; }

    public bool RunOnStartup { get; set; }
}
