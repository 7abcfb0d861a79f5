using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;

namespace DpoPipeline.Local.Azurite;

/// <summary>
/// A real Azurite (blob, queue, table) on free loopback ports, owned by whoever started it. In memory, or with its data
/// in a folder so a later process finds the same storage (durable local runs). Azurite saves a folder's data every few
/// seconds and when it closes, so it is always stopped by asking it to close and waiting until it says it has; its
/// output goes to a log file rather than to this process, so an Azurite outliving a killed process can still be
/// stopped that way by the next one.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; public by design, never a real secret.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string StateFileName = "azurite.json";
    private const string LogFileName = "azurite.log";
    private const int Services = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LogPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly string _folder;
    private readonly bool _ownsFolder;

    private AzuriteServer(Process process, string folder, bool ownsFolder, Uri blob, Uri queue, Uri table)
    {
        _process = process;
        _folder = folder;
        _ownsFolder = ownsFolder;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
    }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public BlobServiceClient CreateBlobServiceClient() => new(ConnectionString);

    /// <param name="dataFolder">Folder for Azurite's data; null keeps it in memory.</param>
    /// <exception cref="LocalToolException">Node.js is missing, or Azurite could not be installed or started.</exception>
    public static async Task<AzuriteServer> StartAsync(string? dataFolder = null, CancellationToken cancellationToken = default)
    {
        var entryPoint = await AzuriteInstallation.EnsureInstalledAsync(cancellationToken);
        var folder = dataFolder ?? Directory.CreateTempSubdirectory("dpo-azurite-").FullName;
        Directory.CreateDirectory(folder);
        await StopOrphanAsync(folder, cancellationToken);

        var log = Path.Combine(folder, LogFileName);
        File.Delete(log);
        var process = Launch(entryPoint, dataFolder, log);
        try
        {
            var endpoints = await ReadEndpointsAsync(process, log, cancellationToken);
            var server = new AzuriteServer(process, folder, ownsFolder: dataFolder is null, endpoints["Blob"], endpoints["Queue"], endpoints["Table"]);
            await File.WriteAllBytesAsync(
                Path.Combine(folder, StateFileName), JsonSerializer.SerializeToUtf8Bytes(new AzuriteState(process.Id)), cancellationToken);
            return server;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(_process, Path.Combine(_folder, LogFileName), CancellationToken.None);
        _process.Dispose();
        if (_ownsFolder)
        {
            Directory.Delete(_folder, recursive: true);
        }
        else
        {
            File.Delete(Path.Combine(_folder, StateFileName));
        }
    }

    private static Process Launch(string entryPoint, string? dataFolder, string log)
    {
        string[] azurite =
        [
            entryPoint, "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0", "--tableHost", "127.0.0.1", "--tablePort", "0",
            .. dataFolder is null ? (string[])["--inMemoryPersistence"] : ["--location", dataFolder],
        ];

        // The shell only redirects Azurite's output to the log file and then becomes node (exec): the process started
        // is Azurite itself, and its output never depends on this process staying alive. setsid, where there is one,
        // puts it in a session of its own, so a Ctrl+C in the terminal stops dpo (which closes Azurite last) and not
        // Azurite under a still-running engine.
        var startInfo = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe", ["/d", "/c", "node", .. azurite, ">", log, "2>&1"])
            : new ProcessStartInfo("/bin/sh", ["-c", "if command -v setsid >/dev/null; then exec setsid node \"$@\" > \"$0\" 2>&1; else exec node \"$@\" > \"$0\" 2>&1; fi", log, .. azurite]);
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        try
        {
            return Process.Start(startInfo) ?? throw new LocalToolException("node could not be started.");
        }
        catch (Win32Exception)
        {
            throw new LocalToolException(NodeTools.MissingMessage);
        }
    }

    private static async Task<Dictionary<string, Uri>> ReadEndpointsAsync(Process process, string log, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            var lines = ReadLog(log);
            var endpoints = lines.Select(line => ListeningLine().Match(line)).Where(m => m.Success)
                .ToDictionary(m => m.Groups["service"].Value, m => new Uri($"{m.Groups["url"].Value}/{AccountName}"), StringComparer.Ordinal);
            if (endpoints.Count == Services)
            {
                return endpoints;
            }

            if (process.HasExited)
            {
                throw new LocalToolException(
                    lines.Any(l => l.Contains("node: not found", StringComparison.Ordinal) || l.Contains("'node' is not recognized", StringComparison.Ordinal))
                        ? NodeTools.MissingMessage
                        : $"Azurite exited before listening: {string.Join('\n', lines)}");
            }

            await Task.Delay(LogPollInterval, timeout.Token);
        }
    }

    /// <summary>Asks Azurite to close, waits until all three services say they have (data saved), then ends it: it lingers otherwise.</summary>
    private static async Task CloseAsync(Process process, string log, CancellationToken cancellationToken)
    {
        if (process.HasExited)
        {
            return;
        }

        // The log belongs to this Azurite alone, so three "closed" lines mean it has closed — perhaps already, when a
        // Ctrl+C in the terminal reached it too.
        if (ClosedServices(log) < Services && ProcessSignals.TryTerminate(process.Id))
        {
            var giveUpAt = DateTime.UtcNow + CloseTimeout;
            while (DateTime.UtcNow < giveUpAt && !process.HasExited && ClosedServices(log) < Services)
            {
                await Task.Delay(LogPollInterval, cancellationToken);
            }
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>A process killed without cleanup (SIGKILL) leaves its Azurite running on the folder; it is closed first.</summary>
    private static async Task StopOrphanAsync(string folder, CancellationToken cancellationToken)
    {
        var stateFile = Path.Combine(folder, StateFileName);
        if (!File.Exists(stateFile))
        {
            return;
        }

        AzuriteState? state;
        try
        {
            state = JsonSerializer.Deserialize<AzuriteState>(await File.ReadAllBytesAsync(stateFile, cancellationToken));
        }
        catch (JsonException)
        {
            state = null;
        }

        if (state is not null && TryGetNode(state.ProcessId) is { } orphan)
        {
            using (orphan)
            {
                await CloseAsync(orphan, Path.Combine(folder, LogFileName), cancellationToken);
            }
        }

        File.Delete(stateFile);
    }

    private static Process? TryGetNode(int processId)
    {
        try
        {
            var process = Process.GetProcessById(processId);
            if (process.ProcessName == "node")
            {
                return process;
            }

            process.Dispose();
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int ClosedServices(string log) =>
        ReadLog(log).Count(line => line.EndsWith("service successfully closed", StringComparison.Ordinal));

    private static string[] ReadLog(string log)
    {
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at (?<url>http://\S+?)/?$")]
    private static partial Regex ListeningLine();

    private sealed record AzuriteState(int ProcessId);
}
