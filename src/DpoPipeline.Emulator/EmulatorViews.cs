namespace DpoPipeline.Emulator;

/// <summary>A file as the emulator sees it now.</summary>
public sealed record EmulatorFileView(string Id, string Filename, string Purpose, long Bytes, string Status, string? StatusDetails, bool Deleted);

/// <summary>A job as the emulator sees it now.</summary>
public sealed record EmulatorJobView(
    string Id,
    string Status,
    string Model,
    string? Suffix,
    IReadOnlyDictionary<string, string>? Metadata,
    string? FineTunedModel,
    int StepsDone,
    int TotalSteps,
    bool Deleted);

/// <summary>A deployment as the emulator sees it now; <see cref="Serving"/> is true once chat completions answer.</summary>
public sealed record EmulatorDeploymentView(
    string Subscription,
    string ResourceGroup,
    string Account,
    string Name,
    string ProvisioningState,
    string ModelName,
    string SkuName,
    int Capacity,
    IReadOnlyDictionary<string, string> Tags,
    bool Serving);
