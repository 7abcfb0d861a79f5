namespace Microsoft.DurableTask.Client;

/// <summary>Stand-in: options of a purge.</summary>
public record PurgeInstanceOptions(bool Recursive = false);
