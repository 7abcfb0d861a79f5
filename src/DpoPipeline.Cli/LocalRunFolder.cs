namespace DpoPipeline.Cli;

/// <summary>
/// What `dpo run --out DIR` keeps: run files, and the state that makes a local run durable — Azurite's data (the
/// engine's task hub) and the emulator's — so the same command after a crash resumes where the run was.
/// </summary>
internal sealed record LocalRunFolder(string Root)
{
    public string Runs => Path.Combine(Root, "runs");

    public string Samples => Path.Combine(Root, "samples");

    public string Azurite => Path.Combine(Root, "engine", "azurite");

    public string Emulator => Path.Combine(Root, "engine", "emulator");
}
