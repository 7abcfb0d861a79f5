namespace DpoPipeline.Contract.Tests;

/// <summary>The recorded service payloads copied into tests/data/api-payloads (provenance in tests/data/SOURCES.md).</summary>
internal static class Payloads
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "data", "api-payloads");

    public static IEnumerable<string> Names => System.IO.Directory.EnumerateFiles(Directory).Select(Path.GetFileName).OfType<string>().Order();

    public static BinaryData Read(string name) => BinaryData.FromBytes(File.ReadAllBytes(Path.Combine(Directory, name)));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Directory, name));
}
