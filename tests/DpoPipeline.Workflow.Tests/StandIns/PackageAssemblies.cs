using System.Reflection;
using System.Runtime.Loader;
using DpoPipeline.Testing;

namespace DpoPipeline.Workflow.Tests.StandIns;

/// <summary>
/// The real package assemblies (this test's output, built online) and the stand-ins (eng/offline/*/bin), the latter
/// loaded in a context of their own since they share the packages' assembly names.
/// </summary>
internal sealed class PackageAssemblies
{
    private static readonly Lazy<PackageAssemblies> Shared = new(Load);

    private PackageAssemblies(IReadOnlyList<Assembly> real, IReadOnlyDictionary<string, Assembly> standIns)
    {
        this.Real = real;
        this.StandIns = standIns;
    }

    public static bool IsOffline => string.Equals(Metadata("DpoOffline"), "true", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> StandInNames => Metadata("StandIns").Split(';', StringSplitOptions.RemoveEmptyEntries);

    public static PackageAssemblies Instance => Shared.Value;

    /// <summary>The package assemblies and those they bring in (Worker.Core, Extensions.Abstractions, ...).</summary>
    public IReadOnlyList<Assembly> Real { get; }

    public IReadOnlyDictionary<string, Assembly> StandIns { get; }

    public Type? FindReal(string fullName) =>
        this.Real.Select(a => a.GetType(fullName, throwOnError: false)).FirstOrDefault(t => t is not null);

    private static string Metadata(string key) =>
        typeof(PackageAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? string.Empty;

    private static PackageAssemblies Load()
    {
        string[] prefixes = ["Microsoft.DurableTask.", "Microsoft.Azure.Functions.Worker", "Microsoft.ApplicationInsights"];
        var real = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => prefixes.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)))
            .Select(AssemblyLoadContext.Default.LoadFromAssemblyPath)
            .ToList();

        var configuration = Metadata("Configuration");
        var standInFiles = StandInNames.ToDictionary(
            n => n, n => RepositoryPaths.Combine("eng", "offline", n, "bin", configuration, "net10.0", n + ".dll"), StringComparer.OrdinalIgnoreCase);
        var context = new StandInLoadContext(standInFiles);
        return new PackageAssemblies(
            real, standInFiles.ToDictionary(f => f.Key, f => context.LoadFromAssemblyPath(f.Value), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Resolves stand-in names to the stand-ins; everything else (Azure.Core, Microsoft.Extensions.*) to the test's own.</summary>
    private sealed class StandInLoadContext(IReadOnlyDictionary<string, string> standIns) : AssemblyLoadContext("offline stand-ins")
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            standIns.TryGetValue(assemblyName.Name!, out var path) ? this.LoadFromAssemblyPath(path) : null;
    }
}
