using System.Text.Json;
using DpoPipeline.Workflow.Runs;

namespace DpoPipeline.Workflow.Api;

/// <summary>The JSON body of <c>POST /api/runs</c> that names a dataset already in storage.</summary>
/// <param name="DatasetUri">Blob URI of the dataset in the pipeline's storage account.</param>
/// <param name="Options">Per-run options; the same keys as a sidecar file.</param>
public sealed record StartRunBody(Uri? DatasetUri, RunOverrides? Options)
{
    /// <exception cref="RunOptionsException">The body is malformed, names an unknown key, or has no usable dataset URI.</exception>
    public static StartRunBody Parse(string json)
    {
        StartRunBody? body;
        try
        {
            body = JsonSerializer.Deserialize<StartRunBody>(json, RunOverrides.Json);
        }
        catch (JsonException e)
        {
            throw new RunOptionsException([$"request body: {e.Message}"]);
        }

        if (body?.DatasetUri is not { IsAbsoluteUri: true } uri || uri.Scheme is not ("https" or "http"))
        {
            throw new RunOptionsException(["datasetUri: an absolute blob URI is required, e.g. https://<account>.blob.core.windows.net/datasets/pairs.jsonl."]);
        }

        return body;
    }
}
