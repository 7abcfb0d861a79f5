using DpoPipeline.Core.Deployments;
using Microsoft.Extensions.DependencyInjection;

namespace DpoPipeline.Pipeline.Tests;

public sealed class CleanupTests
{
    [Fact(Timeout = 60_000)]
    public async Task Cleanup_deletes_only_this_pipelines_expired_deployments_and_is_idempotent()
    {
        await using var harness = await PipelineHarness.StartAsync(withBaseDeployment: false);
        var deployments = harness.Pipeline.Services.GetRequiredService<DeploymentServiceClient>();
        var now = TimeProvider.System.GetUtcNow();
        var ct = TestContext.Current.CancellationToken;
        const string Model = PipelineHarness.BaseModel;
        await deployments.CreateOrUpdateAsync(new DeploymentRequest { RunId = "run-old", ModelName = Model, Owner = "dpopipeline", ExpiresAt = now.AddHours(-1) }, ct);
        await deployments.CreateOrUpdateAsync(new DeploymentRequest { RunId = "run-new", ModelName = Model, Owner = "dpopipeline", ExpiresAt = now.AddHours(5) }, ct);
        await deployments.CreateOrUpdateAsync(new DeploymentRequest { RunId = "run-other", ModelName = Model, Owner = "someone-else", ExpiresAt = now.AddHours(-1) }, ct);
        await deployments.CreateOrUpdateAsync(new DeploymentRequest { RunId = "run-forever", ModelName = Model, Owner = "dpopipeline" }, ct);
        var cleaner = harness.Pipeline.Services.GetRequiredService<ExpiredDeploymentCleaner>();

        var deleted = await cleaner.DeleteExpiredAsync("dpopipeline", ct);
        var again = await cleaner.DeleteExpiredAsync("dpopipeline", ct);

        Assert.Equal([DeploymentNames.ForRun("run-old")], deleted);
        Assert.Empty(again);
        Assert.Equal(
            [DeploymentNames.ForRun("run-forever"), DeploymentNames.ForRun("run-new"), DeploymentNames.ForRun("run-other")],
            harness.Emulator.State.Deployments.Select(d => d.Name).Order(StringComparer.Ordinal));
    }
}
