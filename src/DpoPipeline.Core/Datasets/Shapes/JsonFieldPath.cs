using System.Globalization;
using System.Text.Json;

namespace DpoPipeline.Core.Datasets.Shapes;

/// <summary>Resolves field paths such as `response.good`, `turns[0].text` or `turns.0.text` inside a JSON row.</summary>
internal static class JsonFieldPath
{
    public static bool TryResolve(JsonElement root, string path, out JsonElement value)
    {
        value = root;
        foreach (var raw in path.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(raw, out var child))
            {
                value = child;
            }
            else if (value.ValueKind == JsonValueKind.Array
                && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                value = default;
                return false;
            }
        }

        return true;
    }

    /// <summary>The path as shown in reports: `$.response.good`.</summary>
    public static string Display(string path) => path.StartsWith('$') ? path : "$." + path;
}
