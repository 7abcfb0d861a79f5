using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Lifecycle;

/// <summary>An upload answers <c>pending</c> (as Azure's 201 does), then <c>processed</c> or <c>error</c>.</summary>
internal static class FileLifecycle
{
    public const string Pending = "pending";
    public const string Processed = "processed";
    public const string Error = "error";
    public const string FineTunePurpose = "fine-tune";
    public const string ResultsPurpose = "fine-tune-results";
    public const string FailurePrefix = "Validation of jsonl file failed: ";

    public static string StatusOf(StoredFile file, EmulatorOptions options, DateTimeOffset now) =>
        now < file.CreatedAt + options.Scaled(options.Durations.FileProcessing) ? Pending
        : file.ValidationError is null ? Processed
        : Error;

    public static string StatusDetails(string validationError) =>
        validationError.StartsWith(FailurePrefix, StringComparison.Ordinal) ? validationError : FailurePrefix + validationError;
}
