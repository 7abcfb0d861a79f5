namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Stand-in: base of every binding attribute.</summary>
public abstract class BindingAttribute : Attribute
{
    public BindingAttribute()
    {
    }
}
