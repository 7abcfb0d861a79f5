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

    /// <summary>Azure's v1 <c>AzureListFilesResponse</c>: the page, its first and last id (null when empty), and has_more.</summary>
    public static JsonObject List(IEnumerable<JsonObject> files)
    {
        var page = files.ToList();
        return new JsonObject
        {
            ["data"] = new JsonArray([.. page]),
            ["first_id"] = page.Count == 0 ? null : (string?)page[0]["id"],
            ["has_more"] = false,
            ["last_id"] = page.Count == 0 ? null : (string?)page[^1]["id"],
            ["object"] = "list",
        };
    }
}
