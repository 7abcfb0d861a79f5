namespace DpoPipeline.Emulator.State;

/// <summary>An uploaded file as stored; its status is derived from <see cref="CreatedAt"/> and the clock.</summary>
internal sealed record StoredFile(
    string Id,
    string Filename,
    string Purpose,
    long Bytes,
    DateTimeOffset CreatedAt,
    string? ValidationError,
    bool Deleted = false);
