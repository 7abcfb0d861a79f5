using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace DpoPipeline.Pipeline.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol on a loopback port: opens a page, waits for it to
/// load and reads what it rendered. A fresh profile each time and no background traffic (the network here is closed).
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket;
    private readonly List<JsonElement> _events = [];
    private int _nextId;

    private HeadlessChromium(Process process, string profile, ClientWebSocket socket)
    {
        _process = process;
        _profile = profile;
        _socket = socket;
    }

    /// <summary>The Chromium executable on PATH, or null where it is not installed.</summary>
    public static string? Executable { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);

    /// <summary>Messages the page logged as errors and exceptions it threw (a blocked image or style shows up here).</summary>
    public IEnumerable<string> PageErrors => _events
        .Where(e => Method(e) is "Runtime.exceptionThrown" || (Method(e) is "Log.entryAdded" && e.GetProperty("params").GetProperty("entry").GetProperty("level").GetString() == "error"))
        .Select(e => e.GetProperty("params").ToString());

    public static async Task<HeadlessChromium> StartAsync(CancellationToken cancellationToken)
    {
        var executable = Executable ?? throw new InvalidOperationException("chromium is not installed.");
        var profile = Directory.CreateTempSubdirectory("dpo-chromium-").FullName;
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium could not be started.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var port = await DevToolsPortAsync(process, profile, stderr, cancellationToken);
            using var http = new HttpClient();
            var targets = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{port}/json/list", cancellationToken);
            var page = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!), cancellationToken);
            var browser = new HeadlessChromium(process, profile, socket);
            foreach (var domain in new[] { "Page.enable", "Runtime.enable", "Log.enable" })
            {
                await browser.SendAsync(domain, null, cancellationToken);
            }

            return browser;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    /// <summary>Navigates to <paramref name="url"/>, waits for its load event and returns what <paramref name="script"/> returned as JSON.</summary>
    public async Task<T> OpenAsync<T>(Uri url, string script, CancellationToken cancellationToken)
    {
        var navigation = await SendAsync("Page.navigate", new { url = url.ToString() }, cancellationToken);
        if (navigation.TryGetProperty("errorText", out var error))
        {
            throw new InvalidOperationException($"Chromium could not open {url.GetLeftPart(UriPartial.Path)}: {error}");
        }

        await ReceiveUntilAsync(message => Method(message) == "Page.loadEventFired", cancellationToken);
        var evaluation = await SendAsync("Runtime.evaluate", new { expression = script, awaitPromise = true, returnByValue = true }, cancellationToken);
        if (evaluation.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"The page script failed: {exception}");
        }

        return JsonSerializer.Deserialize<T>(evaluation.GetProperty("result").GetProperty("value").GetString()!, JsonSerializerOptions.Web)!;
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    private static async Task<int> DevToolsPortAsync(Process process, string profile, StringBuilder stderr, CancellationToken cancellationToken)
    {
        // Chromium writes the port it chose (first line) to this file once it listens.
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (File.Exists(portFile) && File.ReadAllLines(portFile) is [var first, ..] && int.TryParse(first, out var port))
            {
                return port;
            }

            if (process.HasExited || deadline.Elapsed > StartLimit)
            {
                lock (stderr)
                {
                    throw new InvalidOperationException($"chromium did not open its DevTools port (exited: {process.HasExited}): {stderr}");
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task<JsonElement> SendAsync(string method, object? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        var answer = await ReceiveUntilAsync(m => m.TryGetProperty("id", out var answered) && answered.GetInt32() == id, cancellationToken);
        return answer.TryGetProperty("error", out var error)
            ? throw new InvalidOperationException($"{method} failed: {error}")
            : answer.GetProperty("result");
    }

    /// <summary>Reads messages until one matches, keeping every event seen on the way (for <see cref="PageErrors"/>).</summary>
    private async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var content = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException("Chromium closed the DevTools connection.");
                }

                content.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            using var document = JsonDocument.Parse(content.ToArray());
            var message = document.RootElement.Clone();
            if (message.TryGetProperty("method", out _))
            {
                _events.Add(message);
            }

            if (match(message))
            {
                return message;
            }
        }
    }

    private static string? Method(JsonElement message) => message.TryGetProperty("method", out var method) ? method.GetString() : null;
}
