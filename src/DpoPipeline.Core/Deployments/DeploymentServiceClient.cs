using Azure.Core;
using DpoPipeline.Core.Http;
using Microsoft.Extensions.Logging;

namespace DpoPipeline.Core.Deployments;

/// <summary>
/// Deployments of fine-tuned models on the Azure OpenAI account, over ARM
/// (<c>Microsoft.CognitiveServices/accounts/{account}/deployments</c>). Create it with <see cref="AzureClientFactory"/>.
/// </summary>
public sealed class DeploymentServiceClient
{
    private readonly ArmOptions _options;
    private readonly ArmRequestSender _sender;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    internal DeploymentServiceClient(ArmOptions options, ArmRequestSender sender, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _sender = sender;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Deploys the run's model. Looks first: a deployment of that name for the same run and model is returned as it is
    /// (a replayed activity never creates a second one); one that failed is put again; one of another run is a conflict.
    /// </summary>
    public async Task<ArmDeployment> CreateOrUpdateAsync(DeploymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ModelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Capacity, 1);
        var name = request.DeploymentName;
        var existing = await GetAsync(name, cancellationToken);
        if (existing is not null)
        {
            if (existing.RunId != request.RunId)
            {
                throw new AzureOpenAIServiceException(
                    "create deployment " + name, ServiceErrorKind.Conflict, 409, "DeploymentNameInUse",
                    $"Deployment '{name}' already exists for run '{existing.RunId ?? "(untagged)"}', not run '{request.RunId}'");
            }

            if (existing.ProvisioningState != DeploymentProvisioningState.Failed && existing.ModelName == request.ModelName)
            {
                _logger.LogInformation("Deployment {Deployment} of run {RunId} exists ({State}); reusing it", name, request.RunId, existing.ProvisioningState);
                return existing;
            }
        }

        var body = BinaryData.FromObjectAsJson(ArmDeploymentBody.From(request), DeploymentJsonContext.Default.ArmDeploymentBody);
        var response = await _sender.SendAsync("create deployment " + name, RequestMethod.Put, DeploymentUri(name), body, cancellationToken);
        var deployment = ServiceJson.Read(response.Content, DeploymentJsonContext.Default.ArmDeployment);
        _logger.LogInformation(
            "Deployment {Deployment} of {Model} ({Sku} x{Capacity}) accepted: {State}",
            name, request.ModelName, request.Sku, request.Capacity, deployment.ProvisioningState);
        return deployment;
    }

    /// <summary>The deployment, or null when there is none of that name.</summary>
    public async Task<ArmDeployment?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        (await CheckAsync(name, cancellationToken)).Deployment;

    /// <summary>One look at a deployment's provisioning state; never waits. For durable pollers that sleep on a timer.</summary>
    public async Task<DeploymentCheck> CheckAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _sender.SendAsync("get deployment " + name, RequestMethod.Get, DeploymentUri(name), null, cancellationToken);
            return DeploymentCheck.From(ServiceJson.Read(response.Content, DeploymentJsonContext.Default.ArmDeployment), response.RetryAfter);
        }
        catch (AzureOpenAIServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
        {
            return DeploymentCheck.From(null, null);
        }
    }

    /// <summary>
    /// Polls until provisioningState is Succeeded, waiting <paramref name="pollInterval"/> or ARM's Retry-After, whichever
    /// is longer. Throws DeploymentFailed / NotFound as <see cref="AzureOpenAIServiceException"/>, or <see cref="TimeoutException"/>.
    /// </summary>
    public async Task<ArmDeployment> WaitUntilProvisionedAsync(
        string name, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = _timeProvider.GetUtcNow() + timeout;
        while (true)
        {
            var check = await CheckAsync(name, cancellationToken);
            switch (check.State)
            {
                case DeploymentCheckState.Succeeded:
                    return check.Deployment!;
                case DeploymentCheckState.Missing:
                    throw new AzureOpenAIServiceException(
                        "provision deployment " + name, ServiceErrorKind.NotFound, 404, null, $"Deployment '{name}' does not exist");
                case DeploymentCheckState.Failed:
                    throw new AzureOpenAIServiceException(
                        "provision deployment " + name, ServiceErrorKind.DeploymentFailed, 200, check.Deployment!.Properties?.ProvisioningState,
                        $"Deployment '{name}' of {check.Deployment.ModelName} ended in provisioningState {check.Deployment.Properties?.ProvisioningState}");
            }

            var wait = check.RetryAfter is { } hint && hint > pollInterval ? hint : pollInterval;
            if (_timeProvider.GetUtcNow() + wait > deadline)
            {
                throw new TimeoutException($"Deployment {name} was still {check.Deployment?.ProvisioningState} after {timeout}.");
            }

            await Task.Delay(wait, _timeProvider, cancellationToken);
        }
    }

    /// <summary>Every deployment on the account, with tags (follows nextLink).</summary>
    public async Task<IReadOnlyList<ArmDeployment>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<ArmDeployment>();
        Uri? next = WithApiVersion(_options.DeploymentsUri);
        while (next is not null)
        {
            var response = await _sender.SendAsync("list deployments", RequestMethod.Get, next, null, cancellationToken);
            var page = ServiceJson.Read(response.Content, DeploymentJsonContext.Default.ArmDeploymentList);
            all.AddRange(page.Value);
            next = page.NextLink;
        }

        return all;
    }

    /// <summary>
    /// Deletes a deployment; false when it was already gone (ARM answers 204 for a resource that does not exist, some
    /// gateways 404). 200 and 202 (deletion accepted) return true.
    /// </summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _sender.SendAsync("delete deployment " + name, RequestMethod.Delete, DeploymentUri(name), null, cancellationToken);
            var deleted = response.Status != 204;
            _logger.LogInformation("Delete deployment {Deployment}: {Outcome}", name, deleted ? "deleted" : "already gone");
            return deleted;
        }
        catch (AzureOpenAIServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
        {
            return false;
        }
    }

    private Uri DeploymentUri(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WithApiVersion(new Uri(_options.DeploymentsUri, Uri.EscapeDataString(name)));
    }

    private Uri WithApiVersion(Uri uri) => new(uri.AbsoluteUri + "?api-version=" + Uri.EscapeDataString(_options.ApiVersion));
}
