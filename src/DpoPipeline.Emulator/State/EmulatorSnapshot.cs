namespace DpoPipeline.Emulator.State;

/// <summary>Everything the emulator knows, as written to <c>state.json</c> (file contents are stored beside it).</summary>
internal sealed record EmulatorSnapshot(
    int Version,
    IReadOnlyList<StoredFile> Files,
    IReadOnlyList<StoredJob> Jobs,
    IReadOnlyList<StoredDeployment> Deployments,
    IReadOnlyList<string> DeletedResultFiles,
    EmulatorCounterValues Counters)
{
    public const int CurrentVersion = 1;
}
