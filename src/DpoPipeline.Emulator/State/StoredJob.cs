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
    public string FineTunedModelName => Suffix is null ? $"{RootModel}.ft-{Ids.HexPart(Id)}" : $"{RootModel}.ft-{Ids.HexPart(Id)}-{Suffix}";

    /// <summary>
    /// The catalogue model at the root of the job's model: a job that continues a fine-tuned model names its model after
    /// the catalogue model, like the service (<c>&lt;base&gt;.ft-&lt;job&gt;[-suffix]</c>).
    /// </summary>
    [JsonIgnore]
    public string RootModel => Model.IndexOf(".ft-", StringComparison.OrdinalIgnoreCase) is > 0 and var at ? Model[..at] : Model;

    [JsonIgnore]
    public string ResultFileId => Ids.Derived("file-", Id, "results");
}
