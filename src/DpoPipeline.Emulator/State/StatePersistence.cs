using System.Text.Json;

namespace DpoPipeline.Emulator.State;

/// <summary>Keeps the emulator's state in a folder: <c>state.json</c> plus <c>files/{id}</c> with uploaded contents.</summary>
internal sealed class StatePersistence
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
    private readonly string statePath;
    private readonly string contentFolder;

    public StatePersistence(string folder)
    {
        Directory.CreateDirectory(folder);
        statePath = Path.Combine(folder, "state.json");
        contentFolder = Path.Combine(folder, "files");
        Directory.CreateDirectory(contentFolder);
    }

    public EmulatorSnapshot? Load()
    {
        if (!File.Exists(statePath))
        {
            return null;
        }

        EmulatorSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<EmulatorSnapshot>(File.ReadAllText(statePath), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Emulator state file '{statePath}' is not valid JSON ({ex.Message}); move it away to start fresh.", ex);
        }

        if (snapshot is null || snapshot.Version != EmulatorSnapshot.CurrentVersion)
        {
            throw new InvalidDataException($"Emulator state file '{statePath}' has version {snapshot?.Version}, expected {EmulatorSnapshot.CurrentVersion}; move it away to start fresh.");
        }

        return snapshot;
    }

    public byte[]? LoadContent(string fileId)
    {
        var path = ContentPath(fileId);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public void SaveContent(string fileId, byte[] content) => WriteAtomically(ContentPath(fileId), content);

    public void Save(EmulatorSnapshot snapshot) =>
        WriteAtomically(statePath, JsonSerializer.SerializeToUtf8Bytes(snapshot, JsonOptions));

    private string ContentPath(string fileId) => Path.Combine(contentFolder, Path.GetFileName(fileId));

    // Write-then-rename, so a crash never leaves a half-written state file behind.
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
