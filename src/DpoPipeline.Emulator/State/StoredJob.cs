using System.Text.Json.Serialization;

namespace DpoPipeline.Emulator.State;

/// <summary>A fine-tuning job as created; its status, events and checkpoints are derived from these facts and the clock.</summary>
internal sealed record StoredJob(
    string Id,
    DateTimeOffset CreatedAt,
    string Model,
    string TrainingFile,
    string? ValidationFile,
    string? Suffix,
    int Seed,
    IReadOnlyDictionary<string, string>? Metadata,
    string Method,
    JobHyperparameters Hyperparameters,
    string TrainingType,
    int TrainingExamples,
    long TrainingTokens,
    bool FailMidway,
    IReadOnlyList<JobControl> Controls,
    DateTimeOffset? DeletedAt = null)
{
    public const string DpoMethod = "dpo";
    public const string SupervisedMethod = "supervised";

    [JsonIgnore]
    public DateTimeOffset? CancelledAt => Controls.FirstOrDefault(c => c.Kind == JobControlKind.Cancel)?.At ?? DeletedAt;

    [JsonIgnore]
    public string FineTunedModelName => Suffix is null ? $"{Model}.ft-{Ids.HexPart(Id)}" : $"{Model}.ft-{Ids.HexPart(Id)}-{Suffix}";

    [JsonIgnore]
    public string ResultFileId => Ids.Derived("file-", Id, "results");
}
