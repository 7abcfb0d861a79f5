using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace DpoPipeline.Infra.Tests;

/// <summary>The real Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package that restore downloads.</summary>
internal static class BicepCli
{
    private static readonly Lazy<string> ExecutablePath = new(LocateExecutable);

    public static async Task<BicepRun> RunAsync(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("The Bicep CLI could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new BicepRun(process.ExitCode, await stdout, await stderr);
    }

    private static string LocateExecutable()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException("The infra tests run the linux-x64 Bicep CLI package; run them on Linux x64 (as CI does).");
        }

        var package = typeof(BicepCli).Assembly.GetCustomAttribute<BicepCliPackageAttribute>()
            ?? throw new InvalidOperationException("BicepCliPackageAttribute is missing from the test assembly.");
        var path = Path.Combine(package.NuGetPackageRoot, "azure.bicep.commandline.linux-x64", package.Version, "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Bicep CLI {package.Version} not found at {path}; `dotnet restore` downloads it (PackageDownload in the test project).", path);
        }

        // NuGet extracts package files without the execute bit on some systems.
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }

        return path;
    }
}
