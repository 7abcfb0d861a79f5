namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Stand-in: base of trigger attributes.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public abstract class TriggerBindingAttribute : BindingAttribute
{
    public TriggerBindingAttribute()
    {
    }
}
