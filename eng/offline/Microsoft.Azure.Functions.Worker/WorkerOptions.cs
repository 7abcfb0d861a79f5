using Azure.Core.Serialization;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: worker options; the serializer is also what Durable payloads are serialized with.</summary>
public class WorkerOptions
{
    public ObjectSerializer? Serializer { get; set; }
}
