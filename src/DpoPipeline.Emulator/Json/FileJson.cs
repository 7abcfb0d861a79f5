using System.Text.Json.Nodes;
using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Json;

/// <summary>File objects in Azure's key order; <c>status_details</c> only on <c>error</c> (Azure omits instead of sending null).</summary>
internal static class FileJson
{
    public static JsonObject Write(StoredFile file, string status)
    {
        var json = new JsonObject();
        if (status == FileLifecycle.Error && file.ValidationError is { } error)
        {
            json["status_details"] = FileLifecycle.StatusDetails(error);
        }

        json["status"] = status;
        json["bytes"] = file.Bytes;
        json["purpose"] = file.Purpose;
        json["filename"] = file.Filename;
        json["id"] = file.Id;
        json["created_at"] = file.CreatedAt.ToUnixTimeSeconds();
        json["object"] = "file";
        return json;
    }

    public static JsonObject Deleted(string id, bool deleted) =>
        new() { ["object"] = "file", ["deleted"] = deleted, ["id"] = id };

    public static JsonObject List(IEnumerable<JsonObject> files) =>
        new() { ["data"] = new JsonArray([.. files]), ["has_more"] = false, ["object"] = "list" };
}
