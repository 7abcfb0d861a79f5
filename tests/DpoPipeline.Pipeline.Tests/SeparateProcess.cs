using System.Diagnostics;
using System.Text.Json;

namespace DpoPipeline.Pipeline.Tests;

/// <summary>
/// The emulator and <c>dpo</c> as processes of their own, started from the test's output folder, as a user starts them:
/// for the end-to-end tests that talk to them only through their command lines and HTTP.
/// </summary>
internal static class SeparateProcess
{
    public static Process Start(string assembly, IEnumerable<(string Name, string Value)> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    // The emulator prints "DpoPipeline emulator listening on <url>" once Kestrel listens.
    public static async Task<Uri> ListeningUriAsync(Process emulator, CancellationToken cancellationToken)
    {
        const string Marker = "listening on ";
        while (await emulator.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (line.StartsWith("DpoPipeline emulator", StringComparison.Ordinal) && at >= 0)
            {
                // Keep draining its output so the emulator never blocks on a full pipe.
                _ = emulator.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = emulator.StandardError.ReadToEndAsync(CancellationToken.None);
                return new Uri(line[(at + Marker.Length)..].Trim());
            }
        }

        throw new Xunit.Sdk.XunitException($"The emulator ended before it listened: {await emulator.StandardError.ReadToEndAsync(cancellationToken)}");
    }

    /// <summary>The <c>data</c> array of an OpenAI-style list answer.</summary>
    public static async Task<List<JsonElement>> GetDataAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(path, cancellationToken));
        return [.. document.RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone())];
    }
}
