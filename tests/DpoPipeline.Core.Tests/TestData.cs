namespace DpoPipeline.Core.Tests;

/// <summary>Paths of the real datasets copied next to the test binaries (tests/data/datasets, licences in tests/data/SOURCES.md).</summary>
internal static class TestData
{
    public static string Dataset(string name) => Path.Combine(AppContext.BaseDirectory, "data", "datasets", name);
}
