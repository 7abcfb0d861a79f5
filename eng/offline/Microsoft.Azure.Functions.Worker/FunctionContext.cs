namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Stand-in: the context of one function invocation. The abstract member set is the package's, so a test fake
/// written offline also compiles against the package.
/// </summary>
public abstract class FunctionContext
{
    public abstract string InvocationId { get; }

    public abstract string FunctionId { get; }

    public abstract TraceContext TraceContext { get; }

    public abstract BindingContext BindingContext { get; }

    public abstract RetryContext RetryContext { get; }

    public abstract IServiceProvider InstanceServices { get; set; }

    public abstract FunctionDefinition FunctionDefinition { get; }

    public abstract IDictionary<object, object> Items { get; set; }

    public abstract IInvocationFeatures Features { get; }

    public virtual CancellationToken CancellationToken { get; }
}
