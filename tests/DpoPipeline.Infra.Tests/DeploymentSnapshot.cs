using System.Text.Json.Nodes;

namespace DpoPipeline.Infra.Tests;

/// <summary>
/// Output of `bicep snapshot`: every resource the deployment would create, nested modules included, with each
/// expression evaluated as far as possible offline (values known only after deployment stay ARM expressions).
/// </summary>
internal sealed class DeploymentSnapshot(JsonObject root)
{
    public IReadOnlyList<JsonObject> Resources { get; } =
        root["predictedResources"]!.AsArray().Select(resource => resource!.AsObject()).ToList();

    public JsonObject Outputs { get; } = root["outputs"]!.AsObject();

    public IReadOnlyList<JsonObject> OfType(string type) =>
        Resources.Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonObject Single(string type)
    {
        var matches = OfType(type);
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type}, found {matches.Count}.");
    }
}
