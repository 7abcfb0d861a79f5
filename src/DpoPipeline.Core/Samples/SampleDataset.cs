namespace DpoPipeline.Core.Samples;

/// <summary>A small real dataset shipped inside the assembly, for demos, `--sample` flags and `dpo run`.</summary>
public sealed record SampleDataset(string FileName, string Source, string Licence, int Examples)
{
    private string ResourceName => $"DpoPipeline.Core.Samples.{FileName}";

    public Stream OpenRead() =>
        typeof(SampleDataset).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"Embedded sample {ResourceName} is missing.");

    /// <summary>Writes the sample into <paramref name="directory"/> (once; later calls reuse the file) and returns its path.</summary>
    public async Task<string> ExtractAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            var partial = path + $".{Environment.ProcessId}.partial";
            await using (var source = OpenRead())
            await using (var target = File.Create(partial))
            {
                await source.CopyToAsync(target, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
        }

        return path;
    }
}
