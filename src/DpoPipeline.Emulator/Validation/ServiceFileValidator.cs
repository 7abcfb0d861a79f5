using DpoPipeline.Core.Datasets;

namespace DpoPipeline.Emulator.Validation;

/// <summary>Decides uploaded files with the pipeline's own engine, so the emulator refuses what the service would.</summary>
public sealed class ServiceFileValidator : IUploadedFileValidator
{
    public Task<string?> ValidateAsync(Stream content, CancellationToken cancellationToken) =>
        UploadedFileCheck.FirstError(content, cancellationToken);
}
