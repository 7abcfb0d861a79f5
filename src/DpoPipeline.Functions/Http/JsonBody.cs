using System.Text.Json;
using DpoPipeline.Workflow.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DpoPipeline.Functions.Http;

/// <summary>An optional JSON body: empty is fine (defaults apply), malformed or unknown keys answer 400.</summary>
internal readonly record struct JsonBody<T>(T? Value, IActionResult? Problem);

internal static class JsonBody
{
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JsonBody<T>(default, null);
        }

        try
        {
            return new JsonBody<T>(JsonSerializer.Deserialize<T>(text, RunOverrides.Json), null);
        }
        catch (JsonException e)
        {
            return new JsonBody<T>(default, new BadRequestObjectResult(new { error = "invalid_request", problems = new[] { $"request body: {e.Message}" } }));
        }
    }
}
