using Xunit;

namespace DpoPipeline.Workflow.Tests.StandIns;

/// <summary>
/// The offline stand-ins (eng/offline) must be a faithful subset of the real packages: code that compiles against
/// them must compile, and mean the same, against the packages.
/// </summary>
public sealed class StandInParityTests
{
    public static TheoryData<string> StandIns => [.. PackageAssemblies.StandInNames];

    /// <summary>The abstract classes our code subclasses (local runner, test fakes).</summary>
    public static TheoryData<string> SubclassedTypes =>
    [
        "Microsoft.DurableTask.TaskOrchestrationContext",
        "Microsoft.DurableTask.Client.DurableTaskClient",
        "Microsoft.Azure.Functions.Worker.FunctionContext",
    ];

    [Theory]
    [MemberData(nameof(StandIns))]
    public void StandIn_EveryTypeAndMember_ExistsInThePackagesWithTheSameSignature(string standIn)
    {
        Assert.SkipWhen(PackageAssemblies.IsOffline, "Built offline: the real packages are not there to compare with.");
        var assemblies = PackageAssemblies.Instance;
        var differences = new List<string>();

        foreach (var type in assemblies.StandIns[standIn].GetExportedTypes())
        {
            var real = assemblies.FindReal(type.FullName!);
            if (real is null)
            {
                differences.Add($"{type.FullName}: no such type in the packages");
                continue;
            }

            if (ApiSurface.TypeKind(type) != ApiSurface.TypeKind(real))
            {
                differences.Add($"{type.FullName}: stand-in is '{ApiSurface.TypeKind(type)}', package has '{ApiSurface.TypeKind(real)}'");
            }

            var realMembers = ApiSurface.VisibleMembers(real).Select(ApiSurface.Describe).ToHashSet(StringComparer.Ordinal);
            differences.AddRange(ApiSurface.VisibleMembers(type)
                .Select(ApiSurface.Describe)
                .Where(m => !realMembers.Contains(m))
                .Select(m => $"{type.FullName}: '{m}' is not in the package"));
        }

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Theory]
    [MemberData(nameof(SubclassedTypes))]
    public void StandIn_AbstractClassWeSubclass_DeclaresExactlyThePackagesAbstractMembers(string fullName)
    {
        Assert.SkipWhen(PackageAssemblies.IsOffline, "Built offline: the real packages are not there to compare with.");
        var assemblies = PackageAssemblies.Instance;
        var standIn = assemblies.StandIns.Values.Select(a => a.GetType(fullName, throwOnError: false)).Single(t => t is not null)!;
        var real = assemblies.FindReal(fullName)!;

        Assert.Equal(AbstractMembers(real), AbstractMembers(standIn));
    }

    private static List<string> AbstractMembers(Type type) =>
        [.. ApiSurface.VisibleMembers(type).Where(ApiSurface.IsAbstract).Select(ApiSurface.Describe).Order(StringComparer.Ordinal)];
}
