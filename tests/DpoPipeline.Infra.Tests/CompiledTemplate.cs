using System.Text.Json.Nodes;

namespace DpoPipeline.Infra.Tests;

/// <summary>ARM JSON compiled by `bicep build`, with the nested templates of its modules.</summary>
internal sealed class CompiledTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    public JsonObject Outputs => Root["outputs"]?.AsObject() ?? [];

    /// <summary>Resources keyed by symbolic name (languageVersion 2.0) or listed (1.0), as one sequence.</summary>
    public IEnumerable<JsonObject> Resources => Root["resources"] switch
    {
        JsonObject symbolic => symbolic.Select(pair => pair.Value!.AsObject()),
        JsonArray list => list.Select(resource => resource!.AsObject()),
        _ => [],
    };

    /// <summary>This template and the template of every module, depth first.</summary>
    public IEnumerable<CompiledTemplate> SelfAndNested()
    {
        yield return this;
        foreach (var resource in Resources)
        {
            // A resource's properties may be one ARM expression (a string), e.g. app settings built with toObject().
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var template in new CompiledTemplate(nested).SelfAndNested())
                {
                    yield return template;
                }
            }
        }
    }

    /// <summary>The literal parameter values main.bicep passes to a module, by the module's symbolic name.</summary>
    public JsonObject ModuleParameters(string symbolicName) =>
        Root["resources"]?[symbolicName]?["properties"]?["parameters"]?.AsObject()
        ?? throw new InvalidOperationException($"Module '{symbolicName}' not found in the compiled template.");
}
