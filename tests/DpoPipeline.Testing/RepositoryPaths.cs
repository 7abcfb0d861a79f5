namespace DpoPipeline.Testing;

/// <summary>Locates the repository from a test binary, so tests can reach eng/ and shared data wherever they run.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DpoPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"DpoPipeline.sln not found above {AppContext.BaseDirectory}.");
    }
}
