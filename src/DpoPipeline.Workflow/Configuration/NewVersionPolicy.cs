namespace DpoPipeline.Workflow.Configuration;

/// <summary>What a new version of a dataset does to the run still going for an older one (<c>Pipeline__OnNewVersion</c>).</summary>
public static class NewVersionPolicy
{
    /// <summary>The older run is cancelled (it ends Superseded, naming the new run) before the new one creates a job.</summary>
    public const string Supersede = "supersede";

    /// <summary>Both runs go on, each paying for its own job.</summary>
    public const string Parallel = "parallel";

    public static bool IsKnown(string? value) => value is Supersede or Parallel;
}
