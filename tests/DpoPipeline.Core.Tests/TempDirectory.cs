using System.Text;

namespace DpoPipeline.Core.Tests;

/// <summary>A fresh folder for hand-made files, deleted after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dpo-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A JSONL file of <paramref name="count"/> valid Azure-format examples, then the extra lines.</summary>
    public string WriteAzure(string name, int count, params string[] extraLines)
    {
        var lines = Enumerable.Range(1, count).Select(Examples.Azure).Concat(extraLines);
        return Write(name, string.Join("\n", lines) + "\n");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow runner is not the test's failure.
        }
    }
}
