using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using DpoPipeline.Testing;
using Xunit;

namespace DpoPipeline.Cli.Tests;

/// <summary>`dpo` as the .NET tool the README tells people to install: packed, installed into a tool path, run.</summary>
public sealed class DotnetToolTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dpo-tool-test-").FullName;

    [Fact(Timeout = 300_000)]
    public async Task The_packed_tool_installs_into_a_tool_path_and_validates_the_sample()
    {
        var packages = Path.Combine(_work, "packages");
        var pack = await DotnetAsync("pack", RepositoryPaths.Combine("src", "DpoPipeline.Cli"), "--no-build", "-c", BuildConfiguration, "-o", packages);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var package = Assert.Single(Directory.GetFiles(packages, "*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["DpoPipeline.Cli.".Length..];

        // Only the folder just packed, and a NuGet cache of its own: a cached copy of the same version would hide a change.
        var config = Path.Combine(_work, "nuget.config");
        await File.WriteAllTextAsync(
            config,
            $"""<configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>""",
            TestContext.Current.CancellationToken);
        var tools = Path.Combine(_work, "tools");
        var install = await DotnetAsync("tool", "install", "DpoPipeline.Cli", "--version", version, "--tool-path", tools, "--configfile", config);
        Assert.True(install.ExitCode == 0, install.ToString());

        var validate = await ProcessRun.RunAsync(Path.Combine(tools, "dpo"), ["validate", "--sample"], _work);
        var printedVersion = await ProcessRun.RunAsync(Path.Combine(tools, "dpo"), ["--version"], _work);

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("valid", validate.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(version, printedVersion.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_tool_package_names_itself_and_carries_its_readme()
    {
        var packages = Path.Combine(_work, "packages");
        var pack = await DotnetAsync("pack", RepositoryPaths.Combine("src", "DpoPipeline.Cli"), "--no-build", "-c", BuildConfiguration, "-o", packages);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(packages, "*.nupkg")));
        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("DpoPipeline.Cli", Value("id"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains(package.Entries, e => e.FullName == "README.md");
        Assert.Contains("DotnetTool", metadata.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")!.Value, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string BuildConfiguration { get; } =
        typeof(DotnetToolTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    private Task<ProcessRun> DotnetAsync(params string[] args) =>
        ProcessRun.RunAsync(DpoProcess.DotnetHost, args, _work, new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work, "nuget-cache"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        });
}
