namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Stand-in: base of input binding attributes.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public abstract class InputBindingAttribute : BindingAttribute
{
    public InputBindingAttribute()
    {
    }
}
