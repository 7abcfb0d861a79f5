using DurableTask.Core;

namespace DpoPipeline.Local.Engine;

/// <summary>The two faces of a Durable Task backend the sidecar needs, the dispatcher's and the client's, and its lock renewal.</summary>
/// <param name="RenewActivityLocksEvery">How often to renew an activity's message lock; null when the backend has no locks to keep.</param>
internal sealed record OrchestrationBackend(IOrchestrationService Service, IOrchestrationServiceClient Client, TimeSpan? RenewActivityLocksEvery);
