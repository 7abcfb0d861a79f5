using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Local.Engine;

/// <summary>
/// The in-memory backend of Microsoft.DurableTask.InProcessTestHost, the one its DurableTaskTestHost runs on, hosted
/// here behind the same sidecar as the durable backend so both differ in nothing but where state is kept.
/// </summary>
internal sealed record InMemoryBackend : EngineBackend
{
    public override bool IsDurable => false;

    public override string Describe() => "in memory (not durable: the run ends with this process)";

    internal override Task<OrchestrationBackend> CreateAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var service = new InMemoryOrchestrationService(loggers);
        return Task.FromResult(new OrchestrationBackend(service, service, RenewActivityLocksEvery: null));
    }
}
