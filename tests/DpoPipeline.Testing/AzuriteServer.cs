using System.Diagnostics;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;

namespace DpoPipeline.Testing;

/// <summary>
/// A real Azurite (blob, queue, table) on free loopback ports, in memory, owned by the test that started it.
/// Installs the pinned npm package from eng/azurite on first use, so a fresh clone needs nothing but node.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; public by design, never a real secret.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteServer(Process process, Uri blob, Uri queue, Uri table)
    {
        _process = process;
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

    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var entryPoint = await AzuriteInstallation.EnsureInstalledAsync(cancellationToken);
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            entryPoint, "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", "127.0.0.1", "--blobPort", "0",
            "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", "0",
        })
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node could not be started.");
        var endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var output = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (endpoints.Count < 3)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException(
                        $"Azurite exited before listening: {string.Join('\n', output)}{await process.StandardError.ReadToEndAsync(timeout.Token)}");
                output.Add(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    endpoints[match.Groups["service"].Value] = new Uri($"{match.Groups["url"].Value}/{AccountName}");
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        // Keep draining output so a chatty Azurite never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        return new AzuriteServer(process, endpoints["Blob"], endpoints["Queue"], endpoints["Table"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at (?<url>http://\S+?)/?$")]
    private static partial Regex ListeningLine();
}
