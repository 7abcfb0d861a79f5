using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;

namespace DpoPipeline.Local.Azurite;

/// <summary>
/// Installs the pinned Azurite npm package (package.json and package-lock.json embedded in this assembly) once per
/// user, into a cache folder, so an installed <c>dpo</c> tool works in any folder. Concurrent processes wait on a lock.
/// </summary>
public static class AzuriteInstallation
{
    private static readonly string[] ManifestFiles = ["package.json", "package-lock.json"];

    /// <summary>Where installations live: <c>$DPO_CACHE_DIR</c>, else the user's cache folder.</summary>
    public static string CacheRoot =>
        Environment.GetEnvironmentVariable("DPO_CACHE_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(
                Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                    ? xdg
                    : OperatingSystem.IsWindows()
                        ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
                "dpopipeline");

    /// <returns>The path of Azurite's entry point script, to be run with node.</returns>
    /// <exception cref="LocalToolException">Node.js or npm is missing, or the install failed.</exception>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var manifests = ManifestFiles.ToDictionary(name => name, ReadManifest);
        // The folder is named by the lock file's hash: a new pin installs beside the old one instead of over it.
        var hash = Convert.ToHexStringLower(SHA256.HashData(manifests["package-lock.json"]))[..12];
        var folder = Path.Combine(CacheRoot, "azurite-" + hash);
        var entryPoint = Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(entryPoint))
        {
            return entryPoint;
        }

        Directory.CreateDirectory(folder);
        await using var gate = await AcquireLockAsync(Path.Combine(folder, ".install.lock"), cancellationToken);
        if (File.Exists(entryPoint))
        {
            return entryPoint;
        }

        foreach (var (name, content) in manifests)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, name), content, cancellationToken);
        }

        var (exitCode, output) = await RunNpmCiAsync(folder, cancellationToken);
        if (exitCode != 0 || !File.Exists(entryPoint))
        {
            throw new LocalToolException($"Installing Azurite with 'npm ci' in {folder} failed (exit code {exitCode}): {output.Trim()}");
        }

        return entryPoint;
    }

    private static byte[] ReadManifest(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("azurite/" + name)
            ?? throw new InvalidOperationException($"Embedded resource azurite/{name} is missing from {typeof(AzuriteInstallation).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task<(int ExitCode, string Output)> RunNpmCiAsync(string folder, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process npm;
        try
        {
            npm = Process.Start(startInfo) ?? throw new LocalToolException("npm could not be started.");
        }
        catch (Win32Exception)
        {
            throw new LocalToolException(NodeTools.MissingMessage);
        }

        using (npm)
        {
            var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken);
            return (npm.ExitCode, await stdout + await stderr);
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }
}
