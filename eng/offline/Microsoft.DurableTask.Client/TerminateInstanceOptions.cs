namespace Microsoft.DurableTask.Client;

/// <summary>Stand-in: options of a termination.</summary>
public record TerminateInstanceOptions(object? Output = null, bool Recursive = false);
