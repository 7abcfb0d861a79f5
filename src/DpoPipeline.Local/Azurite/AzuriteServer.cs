using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;

namespace DpoPipeline.Local.Azurite;

/// <summary>
/// A real Azurite (blob, queue, table) on free loopback ports, owned by whoever started it. In memory, or with its data
/// in a folder so a later process finds the same storage (durable local runs). Stopped gracefully, because Azurite
/// saves its data to the folder only every few seconds and when it closes.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; public by design, never a real secret.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string StateFileName = "azurite.json";
    private const int Services = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string? _stateFile;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closedServices;

    private AzuriteServer(Process process, string? stateFile)
    {
        _process = process;
        _stateFile = stateFile;
    }

    public Uri BlobEndpoint { get; private set; } = null!;

    public Uri QueueEndpoint { get; private set; } = null!;

    public Uri TableEndpoint { get; private set; } = null!;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public BlobServiceClient CreateBlobServiceClient() => new(ConnectionString);

    /// <param name="dataFolder">Folder for Azurite's data; null keeps it in memory.</param>
    /// <exception cref="LocalToolException">Node.js is missing, or Azurite could not be installed or started.</exception>
    public static async Task<AzuriteServer> StartAsync(string? dataFolder = null, CancellationToken cancellationToken = default)
    {
        var entryPoint = await AzuriteInstallation.EnsureInstalledAsync(cancellationToken);
        string? stateFile = null;
        if (dataFolder is not null)
        {
            Directory.CreateDirectory(dataFolder);
            stateFile = Path.Combine(dataFolder, StateFileName);
            await StopOrphanAsync(stateFile, cancellationToken);
        }

        var server = new AzuriteServer(Launch(entryPoint, dataFolder), stateFile);
        try
        {
            await server.ReadEndpointsAsync(cancellationToken);
            if (stateFile is not null)
            {
                var state = new AzuriteState(server._process.Id, server.BlobEndpoint, server.QueueEndpoint, server.TableEndpoint);
                await File.WriteAllBytesAsync(stateFile, JsonSerializer.SerializeToUtf8Bytes(state), cancellationToken);
            }

            return server;
        }
        catch
        {
            server._process.Kill(entireProcessTree: true);
            server._process.Dispose();
            throw;
        }
    }

    /// <summary>Closes Azurite (it saves its data on close), then ends the process, which lingers after closing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (_stateFile is not null && ProcessSignals.TryTerminate(_process.Id))
            {
                try
                {
                    await _closed.Task.WaitAsync(CloseTimeout);
                }
                catch (TimeoutException)
                {
                    // Ended below without its last save; the saves it made every few seconds stand.
                }
            }

            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_stateFile is not null)
        {
            File.Delete(_stateFile);
        }
    }

    private static Process Launch(string entryPoint, string? dataFolder)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(entryPoint);
        foreach (var arg in (string[])["--silent", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0", "--tableHost", "127.0.0.1", "--tablePort", "0"])
        {
            startInfo.ArgumentList.Add(arg);
        }

        if (dataFolder is null)
        {
            startInfo.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            startInfo.ArgumentList.Add("--location");
            startInfo.ArgumentList.Add(dataFolder);
        }

        try
        {
            return Process.Start(startInfo) ?? throw new LocalToolException("node could not be started.");
        }
        catch (Win32Exception)
        {
            throw new LocalToolException(NodeTools.MissingMessage);
        }
    }

    private async Task ReadEndpointsAsync(CancellationToken cancellationToken)
    {
        var endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var output = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (endpoints.Count < Services)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new LocalToolException(
                    $"Azurite exited before listening: {string.Join('\n', output)}{await _process.StandardError.ReadToEndAsync(timeout.Token)}");
            output.Add(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                endpoints[match.Groups["service"].Value] = new Uri($"{match.Groups["url"].Value}/{AccountName}");
            }
        }

        BlobEndpoint = endpoints["Blob"];
        QueueEndpoint = endpoints["Queue"];
        TableEndpoint = endpoints["Table"];

        // Keep draining output, so a full pipe never blocks Azurite, and notice when it has closed.
        _ = WatchOutputAsync();
        _ = _process.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    private async Task WatchOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.EndsWith("service successfully closed", StringComparison.Ordinal) && Interlocked.Increment(ref _closedServices) == Services)
            {
                _closed.TrySetResult();
            }
        }

        _closed.TrySetResult();
    }

    /// <summary>
    /// A process killed without cleanup (SIGKILL) leaves its Azurite running on the data folder. Two Azurites on one
    /// folder would corrupt it, so the orphan is closed first — gracefully, so it saves what it holds — and then ended.
    /// </summary>
    private static async Task StopOrphanAsync(string stateFile, CancellationToken cancellationToken)
    {
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
                if (ProcessSignals.TryTerminate(orphan.Id))
                {
                    await WaitUntilClosedAsync(state, cancellationToken);
                }

                orphan.Kill(entireProcessTree: true);
                await orphan.WaitForExitAsync(cancellationToken);
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

    // An orphan's output went to the dead parent, so its ports tell when it has closed; saving follows within milliseconds.
    private static async Task WaitUntilClosedAsync(AzuriteState state, CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + CloseTimeout;
        foreach (var endpoint in new[] { state.Blob, state.Queue, state.Table })
        {
            while (DateTime.UtcNow < giveUpAt && await IsListeningAsync(endpoint, cancellationToken))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
    }

    private static async Task<bool> IsListeningAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at (?<url>http://\S+?)/?$")]
    private static partial Regex ListeningLine();

    private sealed record AzuriteState(int ProcessId, Uri Blob, Uri Queue, Uri Table);
}
