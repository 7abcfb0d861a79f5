namespace DpoPipeline.Emulator.Validation;

/// <summary>Decides the fate of an uploaded fine-tune file, like the service's own file validation.</summary>
public interface IUploadedFileValidator
{
    /// <summary>
    /// Returns null when the file is fine (it becomes <c>processed</c>), otherwise the reason it failed; the file then ends
    /// <c>error</c> with <c>status_details</c> "Validation of jsonl file failed: {reason}" (unless the reason already starts so).
    /// </summary>
    Task<string?> ValidateAsync(Stream content, CancellationToken cancellationToken);
}
