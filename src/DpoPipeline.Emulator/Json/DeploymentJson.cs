using System.Globalization;
using System.Text.Json.Nodes;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Json;

/// <summary>ARM deployment resources as recorded for a fine-tuned gpt-4o-mini (capabilities as strings, <c>rateLimits</c>, <c>systemData</c>).</summary>
internal static class DeploymentJson
{
    public const string ResourceType = "Microsoft.CognitiveServices/accounts/deployments";

    public static JsonObject Write(StoredDeployment deployment, string provisioningState)
    {
        var json = new JsonObject
        {
            ["id"] = deployment.Key.ResourceId,
            ["type"] = ResourceType,
            ["name"] = deployment.Key.Name,
            ["sku"] = new JsonObject { ["name"] = deployment.SkuName, ["capacity"] = deployment.Capacity },
        };
        if (deployment.Tags is { Count: > 0 } tags)
        {
            json["tags"] = new JsonObject(tags.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }

        json["properties"] = new JsonObject
        {
            ["model"] = new JsonObject { ["format"] = deployment.ModelFormat, ["name"] = deployment.ModelName, ["version"] = deployment.ModelVersion },
            ["versionUpgradeOption"] = "NoAutoUpgrade",
            ["currentCapacity"] = deployment.Capacity,
            ["capabilities"] = new JsonObject
            {
                ["area"] = "US",
                ["chatCompletion"] = "true",
                ["completion"] = "true",
                ["jsonObjectResponse"] = "true",
                ["maxContextToken"] = "128000",
                ["maxOutputToken"] = "16384",
                ["assistants"] = "true",
            },
            ["provisioningState"] = provisioningState,
            ["rateLimits"] = new JsonArray(
                new JsonObject { ["key"] = "request", ["renewalPeriod"] = 10, ["count"] = deployment.Capacity },
                new JsonObject { ["key"] = "token", ["renewalPeriod"] = 60, ["count"] = deployment.Capacity * 1000 }),
        };
        json["systemData"] = new JsonObject
        {
            ["createdBy"] = "emulator",
            ["createdByType"] = "User",
            ["createdAt"] = Timestamp(deployment.CreatedAt),
            ["lastModifiedBy"] = "emulator",
            ["lastModifiedByType"] = "User",
            ["lastModifiedAt"] = Timestamp(deployment.ModifiedAt),
        };
        json["etag"] = deployment.Etag;
        return json;
    }

    public static JsonObject List(IEnumerable<JsonObject> deployments) => new() { ["value"] = new JsonArray([.. deployments]) };

    public static JsonObject OperationResult(StoredDeployment deployment, string subscription, string location, string status, DateTimeOffset? endTime)
    {
        var json = new JsonObject
        {
            ["id"] = $"/subscriptions/{subscription}/providers/Microsoft.CognitiveServices/locations/{location}/operationResults/{deployment.OperationId}",
            ["name"] = deployment.OperationId,
            ["status"] = status,
            ["startTime"] = Timestamp(deployment.ProvisioningStartedAt),
        };
        if (endTime is { } end)
        {
            json["endTime"] = Timestamp(end);
        }

        return json;
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
