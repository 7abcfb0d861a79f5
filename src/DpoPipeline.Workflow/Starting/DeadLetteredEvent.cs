using System.Text.Json;

namespace DpoPipeline.Workflow.Starting;

/// <summary>
/// A BlobCreated event Event Grid could not deliver, as it wrote it to the dead-letter container: a JSON array of
/// events in the Event Grid schema (one object is read too), each naming its blob in its subject,
/// <c>/blobServices/default/containers/{container}/blobs/{name}</c>.
/// </summary>
public sealed record DeadLetteredEvent(string Container, string BlobName)
{
    private const string BlobCreated = "Microsoft.Storage.BlobCreated";
    private const string ContainersPrefix = "/blobServices/default/containers/";
    private const string BlobsSegment = "/blobs/";

    /// <summary>The BlobCreated events in a dead-letter blob; other events and unreadable entries are skipped.</summary>
    /// <exception cref="JsonException">The blob is not JSON.</exception>
    public static IReadOnlyList<DeadLetteredEvent> Parse(BinaryData content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var document = JsonDocument.Parse(content);
        var root = document.RootElement;
        var events = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        return [.. events.Select(FromEvent).OfType<DeadLetteredEvent>()];
    }

    private static DeadLetteredEvent? FromEvent(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("eventType", out var type) || type.GetString() != BlobCreated
            || !element.TryGetProperty("subject", out var subjectElement) || subjectElement.GetString() is not { } subject
            || !subject.StartsWith(ContainersPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var path = subject[ContainersPrefix.Length..];
        var split = path.IndexOf(BlobsSegment, StringComparison.Ordinal);
        return split > 0 && split + BlobsSegment.Length < path.Length
            ? new DeadLetteredEvent(path[..split], path[(split + BlobsSegment.Length)..])
            : null;
    }
}
