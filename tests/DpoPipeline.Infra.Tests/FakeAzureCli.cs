using System.Diagnostics;

namespace DpoPipeline.Infra.Tests;

/// <summary>
/// A stand-in `az` on PATH for running the postdeploy hook offline: it records every call (working directory and
/// arguments), gives a token only for the tenant it is signed in to (<see cref="SignedInTenant"/>), and answers the
/// key query with "false" until the configured call, then "true".
/// </summary>
internal sealed class FakeAzureCli : IDisposable
{
    private const string Script = """
        #!/bin/sh
        {
          echo "@call"
          echo "$PWD"
          for argument in "$@"; do echo "$argument"; done
        } >> "$FAKE_AZ_LOG"
        case "$1 $2 $3" in
          "functionapp keys list")
            calls=$(grep -c '^functionapp$' "$FAKE_AZ_LOG")
            if [ "$calls" -ge "$FAKE_AZ_KEY_FROM_CALL" ]; then echo true; else echo false; fi ;;
          "deployment group create") exit 0 ;;
          "account get-access-token "*)
            tenant=""
            while [ $# -gt 0 ]; do if [ "$1" = "--tenant" ]; then tenant="$2"; fi; shift; done
            if [ -n "$tenant" ] && [ "$tenant" = "$FAKE_AZ_SIGNED_IN_TENANT" ]; then exit 0; fi
            echo "ERROR: AADSTS50076: no account for tenant '$tenant'; run az login --tenant $tenant" >&2; exit 1 ;;
          *) echo "fake az: unexpected command: $*" >&2; exit 2 ;;
        esac
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("dpo-fake-az-").FullName;

    public FakeAzureCli()
    {
        var path = Path.Combine(_folder, "az");
        File.WriteAllText(path, Script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The tenant `az login` signed in to; another tenant gets no token.</summary>
    public string SignedInTenant { get; set; } = InfraBuild.TenantId;

    private string LogPath => Path.Combine(_folder, "calls.log");

    /// <summary>Each call as (working directory, arguments).</summary>
    public IReadOnlyList<(string WorkingDirectory, IReadOnlyList<string> Arguments)> Calls()
    {
        if (!File.Exists(LogPath))
        {
            return [];
        }

        var calls = new List<(string, IReadOnlyList<string>)>();
        var lines = File.ReadAllLines(LogPath);
        for (var start = 0; start < lines.Length;)
        {
            var end = Array.IndexOf(lines, "@call", start + 1);
            end = end < 0 ? lines.Length : end;
            calls.Add((lines[start + 1], lines[(start + 2)..end]));
            start = end;
        }

        return calls;
    }

    /// <summary>Runs the hook with the fake first on PATH and the given azd environment.</summary>
    public async Task<(int ExitCode, string StandardOutput, string StandardError)> RunHookAsync(
        IReadOnlyDictionary<string, string> environment, int keyFromCall, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("sh", [InfraFiles.PostDeployShellHook])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        foreach (var name in new[] { "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" })
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment["PATH"] = $"{_folder}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
        startInfo.Environment["FAKE_AZ_LOG"] = LogPath;
        startInfo.Environment["FAKE_AZ_SIGNED_IN_TENANT"] = SignedInTenant;
        startInfo.Environment["FAKE_AZ_KEY_FROM_CALL"] = keyFromCall.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["DPO_POSTDEPLOY_POLL_SECONDS"] = "0";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("sh could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
