using System.Globalization;
using System.Text.Json;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary>The body of an ARM deployment PUT: sku (capacity may arrive as a string, recorded), tags, properties.model.</summary>
internal sealed record DeploymentRequest(string SkuName, int Capacity, IReadOnlyDictionary<string, string>? Tags, string ModelFormat, string ModelName, string ModelVersion)
{
    private static readonly string[] Skus = ["standard", "globalstandard", "developertier", "datazonestandard", "provisionedmanaged", "globalprovisionedmanaged"];

    public static (DeploymentRequest? Request, string? Error) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "The request content must be a JSON object.");
        }

        if (!body.TryGetProperty("sku", out var sku) || sku.ValueKind != JsonValueKind.Object
            || !sku.TryGetProperty("name", out var skuName) || skuName.ValueKind != JsonValueKind.String)
        {
            return (null, "The deployment requires 'sku.name'.");
        }

        if (!Skus.Contains(skuName.GetString()!.ToLowerInvariant()))
        {
            return (null, $"The SKU '{skuName.GetString()}' is not supported; use standard, GlobalStandard or developertier.");
        }

        var capacity = 1;
        if (sku.TryGetProperty("capacity", out var capacityElement) && !TryCapacity(capacityElement, out capacity))
        {
            return (null, "'sku.capacity' must be a positive integer.");
        }

        if (!body.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object
            || !model.TryGetProperty("name", out var modelName) || modelName.ValueKind != JsonValueKind.String)
        {
            return (null, "The deployment requires 'properties.model.name'.");
        }

        var format = model.TryGetProperty("format", out var formatElement) && formatElement.ValueKind == JsonValueKind.String ? formatElement.GetString()! : "OpenAI";
        var version = model.TryGetProperty("version", out var versionElement) && versionElement.ValueKind == JsonValueKind.String ? versionElement.GetString()! : "1";

        Dictionary<string, string>? tags = null;
        if (body.TryGetProperty("tags", out var tagsElement) && tagsElement.ValueKind == JsonValueKind.Object)
        {
            tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in tagsElement.EnumerateObject())
            {
                if (tag.Value.ValueKind != JsonValueKind.String)
                {
                    return (null, $"Tag '{tag.Name}' must have a string value.");
                }

                tags[tag.Name] = tag.Value.GetString()!;
            }
        }

        return (new DeploymentRequest(skuName.GetString()!, capacity, tags, format, modelName.GetString()!, version), null);
    }

    private static bool TryCapacity(JsonElement element, out int capacity)
    {
        capacity = 0;
        var ok = element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out capacity),
            JsonValueKind.String => int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out capacity),
            _ => false,
        };
        return ok && capacity > 0;
    }
}
