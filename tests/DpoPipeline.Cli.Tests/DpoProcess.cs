using System.Diagnostics;
using System.Text;
using Xunit;

namespace DpoPipeline.Cli.Tests;

/// <summary>The built `dpo` as a real process: its exit code, stdout and stderr, and stderr as it comes.</summary>
internal sealed class DpoProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;

    private DpoProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(PumpAsync(process.StandardOutput, _stdout), PumpAsync(process.StandardError, _stderr));
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <param name="path">PATH for the process; the test's own when null.</param>
    public static DpoProcess Start(string[] args, string? path = null)
    {
        var start = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dpo.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        return new DpoProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started."));
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var exitCode = await process.WaitForExitAsync();
        return (exitCode, process.Stdout, process.Stderr);
    }

    /// <summary>The dotnet executable running this test, found on PATH, so a test can give `dpo` a PATH without it.</summary>
    public static string DotnetHost { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("dotnet is not on PATH.");

    public async Task WaitForErrorLineAsync(string text)
    {
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"dpo exited ({_process.ExitCode}) before printing '{text}': {Stderr}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>SIGKILL: no cleanup runs, as when a machine loses power or a container is killed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        await _reading;
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }
}
