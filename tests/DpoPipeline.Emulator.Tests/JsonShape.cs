using System.Text.Json;
using Xunit;

namespace DpoPipeline.Emulator.Tests;

/// <summary>Compares two JSON documents by shape: the same keys at every level and the same kinds of values.</summary>
internal static class JsonShape
{
    public static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(EmulatorSession.DataPath("api-payloads", name))).RootElement.Clone();

    /// <summary>Fails with every difference listed; <paramref name="ignoredKeys"/> are dotted paths left out of the comparison.</summary>
    public static void AssertSame(string fixtureName, JsonElement actual, params string[] ignoredKeys)
    {
        var differences = new List<string>();
        Compare(Fixture(fixtureName), actual, "$", ignoredKeys, differences);
        Assert.True(differences.Count == 0, $"{fixtureName} vs emulator:\n  " + string.Join("\n  ", differences));
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, string[] ignored, List<string> differences)
    {
        if (Kind(expected) != Kind(actual))
        {
            differences.Add($"{path}: recorded {expected.ValueKind}, emulator {actual.ValueKind}");
            return;
        }

        if (expected.ValueKind == JsonValueKind.Object)
        {
            var expectedKeys = expected.EnumerateObject().Select(p => p.Name).Where(k => !ignored.Contains($"{path}.{k}")).ToHashSet();
            var actualKeys = actual.EnumerateObject().Select(p => p.Name).Where(k => !ignored.Contains($"{path}.{k}")).ToHashSet();
            differences.AddRange(expectedKeys.Except(actualKeys).Select(k => $"{path}.{k}: missing from the emulator"));
            differences.AddRange(actualKeys.Except(expectedKeys).Select(k => $"{path}.{k}: not in the recording"));
            foreach (var key in expectedKeys.Intersect(actualKeys))
            {
                Compare(expected.GetProperty(key), actual.GetProperty(key), $"{path}.{key}", ignored, differences);
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0 && actual.GetArrayLength() > 0)
        {
            Compare(expected[0], actual[0], $"{path}[0]", ignored, differences);
        }
    }

    private static JsonValueKind Kind(JsonElement element) =>
        element.ValueKind == JsonValueKind.False ? JsonValueKind.True : element.ValueKind;
}
