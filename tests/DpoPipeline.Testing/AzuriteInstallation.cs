using System.Diagnostics;

namespace DpoPipeline.Testing;

/// <summary>Installs eng/azurite's pinned npm package once per clone; parallel test processes wait on a lock file.</summary>
internal static class AzuriteInstallation
{
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var folder = RepositoryPaths.Combine("eng", "azurite");
        var entryPoint = Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(entryPoint))
        {
            return entryPoint;
        }

        await using var gate = await AcquireLockAsync(Path.Combine(folder, ".install.lock"), cancellationToken);
        if (File.Exists(entryPoint))
        {
            return entryPoint;
        }

        var startInfo = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var npm = Process.Start(startInfo) ?? throw new InvalidOperationException("npm could not be started.");
        var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0 || !File.Exists(entryPoint))
        {
            throw new InvalidOperationException(
                $"'npm ci' in {folder} failed with exit code {npm.ExitCode}: {await stdout}{await stderr}");
        }

        return entryPoint;
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
