namespace Microsoft.Azure.Functions.Worker;

// Stand-ins: types FunctionContext exposes; their own members are not mirrored (we do not use them).

public abstract class TraceContext
{
}

public abstract class BindingContext
{
}

public abstract class RetryContext
{
}

public abstract class FunctionDefinition
{
}

public interface IInvocationFeatures : IEnumerable<KeyValuePair<Type, object>>
{
}
