namespace DpoPipeline.Infra.Tests;

/// <summary>Where restore put the Bicep CLI package (NuGet root and pinned version), stamped in by the project file.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
internal sealed class BicepCliPackageAttribute(string nuGetPackageRoot, string version) : Attribute
{
    public string NuGetPackageRoot { get; } = nuGetPackageRoot;

    public string Version { get; } = version;
}
