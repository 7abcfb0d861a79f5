using DpoPipeline.Contract.Tests.Emulated;
using DpoPipeline.Core.Deployments;
using DpoPipeline.Core.FineTuning;
using DpoPipeline.Core.Http;
using Xunit;

namespace DpoPipeline.Contract.Tests.Deployments;

/// <summary>The deployment client against the emulator's ARM routes.</summary>
public sealed class DeploymentLifecycleTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(30);
    private static readonly DateTimeOffset Expiry = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_runs_fine_tuned_model_is_deployed_once_provisions_lists_with_tags_and_is_deleted_once()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var job = await azure.TrainAsync("run-deploy");
        var request = Request("run-deploy", job.FineTunedModel!);

        var created = await azure.Deployments.CreateOrUpdateAsync(request, TestContext.Current.CancellationToken);
        var replayed = await azure.Deployments.CreateOrUpdateAsync(request, TestContext.Current.CancellationToken);
        var provisioned = await azure.RunAsync(token => azure.Deployments.WaitUntilProvisionedAsync(created.Name, Poll, Patience, token));
        var listed = Assert.Single(await azure.Deployments.ListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(DeploymentNames.ForRun("run-deploy"), created.Name);
        Assert.Equal(DeploymentProvisioningState.Creating, created.ProvisioningState);
        Assert.Equal(created.Name, replayed.Name);
        Assert.Equal(1, azure.Emulator.State.DeploymentsCreated);
        Assert.Equal(1, azure.Faults.Count(HttpMethod.Put, "/deployments/"));
        Assert.Equal(DeploymentProvisioningState.Succeeded, provisioned.ProvisioningState);
        Assert.Equal(job.FineTunedModel, provisioned.ModelName);
        Assert.Equal("developertier", provisioned.Sku!.Name, ignoreCase: true);
        Assert.Equal(("dpopipeline", "run-deploy", Expiry), (listed.Owner, listed.RunId, listed.ExpiresAt));
        Assert.True(await azure.Deployments.DeleteAsync(created.Name, TestContext.Current.CancellationToken));
        Assert.False(await azure.Deployments.DeleteAsync(created.Name, TestContext.Current.CancellationToken));
        Assert.Equal(DeploymentCheckState.Missing, (await azure.Deployments.CheckAsync(created.Name, TestContext.Current.CancellationToken)).State);
    }

    [Fact]
    public async Task The_accounts_deployment_limit_is_reported_as_deployment_limit_reached()
    {
        await using var azure = await EmulatedAzure.StartAsync(emulator => emulator.Quotas.MaxFineTunedDeployments = 1);
        var job = await azure.TrainAsync("run-limit");
        await azure.Deployments.CreateOrUpdateAsync(Request("run-limit", job.FineTunedModel!), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() =>
            azure.Deployments.CreateOrUpdateAsync(Request("run-limit-2", job.FineTunedModel!), TestContext.Current.CancellationToken));

        Assert.Equal(ServiceErrorKind.DeploymentLimitReached, error.Kind);
        Assert.Equal("InsufficientQuota", error.ServiceCode);
        Assert.Contains("Delete expired deployments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_that_fails_to_provision_is_reported_and_put_again_on_the_next_attempt()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var request = Request("run-broken", "gpt-4.1-mini-2025-04-14") with { Name = "dpo-emulator-fail-run-broken" };
        await azure.Deployments.CreateOrUpdateAsync(request, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() =>
            azure.RunAsync(token => azure.Deployments.WaitUntilProvisionedAsync(request.DeploymentName, Poll, Patience, token)));
        await azure.Deployments.CreateOrUpdateAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceErrorKind.DeploymentFailed, error.Kind);
        Assert.Equal(2, azure.Faults.Count(HttpMethod.Put, "/deployments/"));
    }

    [Fact]
    public async Task A_name_held_by_another_run_is_a_conflict_and_is_not_overwritten()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        await azure.Deployments.CreateOrUpdateAsync(Request("run-a", "gpt-4.1-mini-2025-04-14") with { Name = "shared-name" }, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() => azure.Deployments.CreateOrUpdateAsync(
            Request("run-b", "gpt-4.1-mini-2025-04-14") with { Name = "shared-name" }, TestContext.Current.CancellationToken));

        Assert.Equal(ServiceErrorKind.Conflict, error.Kind);
        Assert.Equal(1, azure.Faults.Count(HttpMethod.Put, "/deployments/"));
    }

    [Fact]
    public async Task A_model_the_account_does_not_know_is_model_not_available()
    {
        await using var azure = await EmulatedAzure.StartAsync();

        var error = await Assert.ThrowsAsync<AzureOpenAIServiceException>(() => azure.Deployments.CreateOrUpdateAsync(
            Request("run-x", "gpt-4.1-mini-2025-04-14.ft-00000000000000000000000000000000"), TestContext.Current.CancellationToken));

        Assert.Equal(ServiceErrorKind.ModelNotAvailable, error.Kind);
    }

    private static DeploymentRequest Request(string runId, string model) =>
        new() { RunId = runId, ModelName = model, Owner = "dpopipeline", ExpiresAt = Expiry };
}
