using System.Text.Json;
using DpoPipeline.Emulator.Http;
using DpoPipeline.Emulator.Json;
using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary>
/// ARM <c>Microsoft.CognitiveServices/accounts/{account}/deployments</c>: PUT (201 new / 200 update, with
/// Azure-AsyncOperation and Location), GET (404 NotFound), DELETE (200, 204 when absent), list, and operation results.
/// </summary>
internal static class DeploymentEndpoints
{
    public const string AccountPath = "/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.CognitiveServices/accounts/{account}";
    public const string FaultTag = "emulator-fault";
    public const string FailTagValue = "fail";
    public const string FailNameMarker = "emulator-fail";
    private const string Location = "emulator";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup(AccountPath).AddEndpointFilter(RequireApiVersion);
        account.MapGet("/deployments", List);
        account.MapGet("/deployments/{name}", Get);
        account.MapPut("/deployments/{name}", PutAsync);
        account.MapDelete("/deployments/{name}", Delete);
        routes.MapGet("/subscriptions/{subscription}/providers/Microsoft.CognitiveServices/locations/{location}/operationResults/{operationId}", OperationResult)
            .AddEndpointFilter(RequireApiVersion);
    }

    private static ValueTask<object?> RequireApiVersion(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        string.IsNullOrEmpty(context.HttpContext.Request.Query["api-version"])
            ? ValueTask.FromResult<object?>(AzureError.Result(StatusCodes.Status400BadRequest, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."))
            : next(context);

    private static IResult List(string subscription, string resourceGroup, string account, EmulatorRuntime runtime)
    {
        var accountKey = new DeploymentKey(subscription, resourceGroup, account, string.Empty);
        var now = runtime.Now;
        return runtime.Store.Read(state => Results.Json(DeploymentJson.List(
            state.Deployments
                .Where(d => d.Key.SameAccount(accountKey))
                .OrderBy(d => d.CreatedAt)
                .Select(d => DeploymentJson.Write(d, DeploymentLifecycle.StateOf(d, runtime.Options, now))))));
    }

    private static IResult Get(string subscription, string resourceGroup, string account, string name, EmulatorRuntime runtime)
    {
        var key = new DeploymentKey(subscription, resourceGroup, account, name);
        var now = runtime.Now;
        return runtime.Store.Read(state => state.FindDeployment(key) is { } deployment
            ? Results.Json(DeploymentJson.Write(deployment, DeploymentLifecycle.StateOf(deployment, runtime.Options, now)))
            : NotFound(key));
    }

    private static async Task<IResult> PutAsync(string subscription, string resourceGroup, string account, string name, HttpRequest request, EmulatorRuntime runtime, CancellationToken cancellationToken)
    {
        DeploymentRequest? put;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var (parsed, error) = DeploymentRequest.Parse(document.RootElement);
            if (parsed is null)
            {
                return AzureError.Result(StatusCodes.Status400BadRequest, "InvalidResourceProperties", error!);
            }

            put = parsed;
        }
        catch (JsonException ex)
        {
            return AzureError.Result(StatusCodes.Status400BadRequest, "InvalidRequestContent", $"The request content was invalid and could not be deserialized: '{ex.Message}'.");
        }

        var key = new DeploymentKey(subscription, resourceGroup, account, name);
        var now = runtime.Now;
        var apiVersion = request.Query["api-version"].ToString();
        var baseUri = $"{request.Scheme}://{request.Host}";
        return runtime.Store.Update(state =>
        {
            if (!IsKnownModel(put, state, runtime, now))
            {
                return AzureError.Result(
                    StatusCodes.Status400BadRequest,
                    "DeploymentModelNotSupported",
                    $"The model 'Format:{put.ModelFormat},Name:{put.ModelName},Version:{put.ModelVersion}' of account deployment is not supported.");
            }

            var existing = state.FindDeployment(key);
            var quota = runtime.Options.Quotas.MaxFineTunedDeployments;
            var used = state.Deployments.Count(d => d.IsFineTuned && d.Key.SameAccount(key) && !d.Key.Equals(key));
            var deployment = Apply(existing, key, put, now);
            if (deployment.IsFineTuned && used >= quota)
            {
                return AzureError.Result(
                    StatusCodes.Status400BadRequest,
                    "InsufficientQuota",
                    $"This operation require 1 new capacity in quota Fine-tuned model deployments, which is bigger than the current available capacity 0. The current quota usage is {used} and the quota limit is {quota} for quota Fine-tuned model deployments.");
            }

            state.PutDeployment(deployment);
            if (existing is null)
            {
                state.Counters.DeploymentCreated();
            }

            var operation = $"{baseUri}/subscriptions/{subscription}/providers/Microsoft.CognitiveServices/locations/{Location}/operationResults/{deployment.OperationId}?api-version={apiVersion}";
            var headers = request.HttpContext.Response.Headers;
            headers["Azure-AsyncOperation"] = operation;
            headers.Location = operation + "&operationResultResponseType=Location";
            headers.ETag = deployment.Etag;
            return Results.Json(
                DeploymentJson.Write(deployment, DeploymentLifecycle.StateOf(deployment, runtime.Options, now)),
                statusCode: existing is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });
    }

    private static StoredDeployment Apply(StoredDeployment? existing, DeploymentKey key, DeploymentRequest put, DateTimeOffset now)
    {
        var fail = put.Tags?.TryGetValue(FaultTag, out var fault) == true && fault == FailTagValue
            || key.Name.Contains(FailNameMarker, StringComparison.OrdinalIgnoreCase);
        var etag = $"\"{Guid.NewGuid()}\"";
        if (existing is not null && existing.ModelName == put.ModelName && existing.ModelVersion == put.ModelVersion)
        {
            // Same model: a SKU/tag update does not re-provision.
            return existing with { SkuName = put.SkuName, Capacity = put.Capacity, Tags = put.Tags, ModifiedAt = now, Etag = etag, FailProvisioning = fail };
        }

        return new StoredDeployment(
            key,
            put.SkuName,
            put.Capacity,
            put.Tags,
            put.ModelFormat,
            put.ModelName,
            put.ModelVersion,
            existing?.CreatedAt ?? now,
            now,
            now,
            fail,
            etag,
            Guid.NewGuid().ToString());
    }

    private static bool IsKnownModel(DeploymentRequest put, EmulatorStore state, EmulatorRuntime runtime, DateTimeOffset now)
    {
        if (!string.Equals(put.ModelFormat, "OpenAI", StringComparison.Ordinal))
        {
            return false;
        }

        if (JobEndpoints.ResolveModel(put.ModelName, runtime.Options) is not null)
        {
            return true;
        }

        var progress = runtime.Progress(state, now);
        return state.Jobs.Any(j => j.DeletedAt is null && j.FineTunedModelName == put.ModelName && progress[j.Id].Status == JobStatus.Succeeded);
    }

    private static IResult Delete(string subscription, string resourceGroup, string account, string name, EmulatorRuntime runtime)
    {
        var key = new DeploymentKey(subscription, resourceGroup, account, name);
        return runtime.Store.Update(state => state.RemoveDeployment(key))
            ? Results.Ok()
            : Results.NoContent();
    }

    private static IResult OperationResult(string subscription, string location, string operationId, HttpRequest request, EmulatorRuntime runtime)
    {
        var now = runtime.Now;
        var locationStyle = string.Equals(request.Query["operationResultResponseType"], "Location", StringComparison.OrdinalIgnoreCase);
        return runtime.Store.Read(state =>
        {
            if (state.Deployments.FirstOrDefault(d => d.OperationId == operationId) is not { } deployment)
            {
                return AzureError.Result(StatusCodes.Status404NotFound, "NotFound", $"Operation '{operationId}' cannot be found.");
            }

            var provisioning = DeploymentLifecycle.StateOf(deployment, runtime.Options, now);
            var done = provisioning is DeploymentLifecycle.Succeeded or DeploymentLifecycle.Failed;
            if (locationStyle)
            {
                return done
                    ? Results.Json(DeploymentJson.Write(deployment, provisioning))
                    : Results.Accepted($"{request.Path}{request.QueryString}");
            }

            var status = done ? provisioning : DeploymentLifecycle.Creating;
            var body = DeploymentJson.OperationResult(deployment, subscription, location, status, done ? DeploymentLifecycle.ProvisionedAt(deployment, runtime.Options) : null);
            if (provisioning == DeploymentLifecycle.Failed)
            {
                body["error"] = AzureError.Body("DeploymentFailed", $"The deployment '{deployment.Key.Name}' failed to provision the model '{deployment.ModelName}'.")["error"]!.DeepClone();
            }

            return Results.Json(body);
        });
    }

    private static IResult NotFound(DeploymentKey key) =>
        AzureError.Result(StatusCodes.Status404NotFound, "NotFound", $"Specified resource '{key.ResourceId}' cannot be found.");
}
