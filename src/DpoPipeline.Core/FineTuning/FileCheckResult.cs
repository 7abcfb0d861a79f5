namespace DpoPipeline.Core.FineTuning;

/// <summary>The outcome of <see cref="FineTuningServiceClient.CheckFileAsync"/>.</summary>
public sealed record FileCheckResult(FileCheckState State, FineTuningFile File)
{
    public string? Message => File.Status switch
    {
        FineTuningFileStatus.Error => File.StatusDetails ?? "The service could not process the file.",
        FineTuningFileStatus.Deleting or FineTuningFileStatus.Deleted => "The file was deleted.",
        _ => File.StatusDetails,
    };

    public static FileCheckResult From(FineTuningFile file) => new(
        file.Status switch
        {
            FineTuningFileStatus.Processed => FileCheckState.Processed,
            FineTuningFileStatus.Error or FineTuningFileStatus.Deleting or FineTuningFileStatus.Deleted => FileCheckState.Error,
            _ => FileCheckState.Pending,
        },
        file);
}
