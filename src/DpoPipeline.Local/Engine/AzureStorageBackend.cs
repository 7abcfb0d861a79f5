using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Local.Engine;

/// <summary>
/// DurableTask.AzureStorage, the provider Durable Functions uses in Azure, on a storage account (Azurite locally).
/// Tuned for one local process: one partition, a fixed worker id (a restarted process re-owns its partition at once
/// instead of waiting out the dead worker's lease), no app lease, and short queue polling (Azurite is on loopback).
/// </summary>
public sealed record AzureStorageBackend(string ConnectionString, string TaskHub) : EngineBackend
{
    private const string LocalWorkerId = "dpo-local";

    // How long a fetched message stays locked: a process that died with it (or stopped with it fetched ahead, which the
    // provider does not hand back) delays the next engine by up to this much. Orchestration steps take milliseconds
    // here; activities may take minutes and have their locks renewed (WorkItemGuardOrchestrationService).
    public static readonly TimeSpan MessageLockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longest idle wait between queue polls; each orchestration step costs up to this much latency.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public override bool IsDurable => true;

    public override string Describe() => $"durable (Azure Storage provider, task hub '{TaskHub}')";

    internal override async Task<OrchestrationBackend> CreateAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(ConnectionString),
            TaskHubName = TaskHub,
            PartitionCount = 1,
            WorkerId = LocalWorkerId,
            UseAppLease = false,
            MaxQueuePollingInterval = MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = MessageLockTimeout,
            WorkItemQueueVisibilityTimeout = MessageLockTimeout,
            LoggerFactory = loggers,
        });
        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        return new OrchestrationBackend(new SidecarCompatOrchestrationService(service), service, MessageLockTimeout / 3);
    }

    // The connection string holds the account key: keep it out of ToString, logs and exception messages.
    public override string ToString() => $"{nameof(AzureStorageBackend)} {{ TaskHub = {TaskHub} }}";
}
