namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: how the host learns about new blobs.</summary>
public enum BlobTriggerSource
{
    LogsAndContainerScan = 0,
    EventGrid = 1,
}
