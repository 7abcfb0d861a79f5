using System.Text.Json.Nodes;
using DpoPipeline.Emulator.Http;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary>
/// <c>GET /models</c> and <c>GET /models/{id}</c> as Azure answers them: catalogue models with their capabilities
/// (<c>fine_tune</c> true for the fine-tunable ones), and each fine-tuned model of a succeeded job with the model its job
/// started from (<c>model</c>) and the job (<c>fine_tune</c>). A fine-tuned model can itself be fine-tuned again.
/// </summary>
internal static class ModelEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/models", List);
        routes.MapGet("/models/{id}", Get);
    }

    private static IResult List(EmulatorRuntime runtime) =>
        Results.Json(new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. All(runtime)]) });

    private static IResult Get(string id, EmulatorRuntime runtime) =>
        All(runtime).FirstOrDefault(m => string.Equals((string?)m["id"], id, StringComparison.OrdinalIgnoreCase)) is { } model
            ? Results.Json(model)
            : AzureError.Result(StatusCodes.Status404NotFound, "404", "Resource not found");

    private static List<JsonObject> All(EmulatorRuntime runtime)
    {
        var now = runtime.Now;
        var created = now.AddYears(-1).ToUnixTimeSeconds();
        var models = runtime.Options.FineTunableModels.Select(m => Catalogue(m, fineTune: true, created))
            .Concat(runtime.Options.InferenceOnlyModels.Select(m => Catalogue(m, fineTune: false, created)))
            .ToList();
        runtime.Store.Read(state =>
        {
            var progress = runtime.Progress(state, now);
            foreach (var job in state.Jobs)
            {
                if (ModelCatalog.FineTuned(state, progress, job.FineTunedModelName) == job)
                {
                    models.Add(FineTuned(job, progress[job.Id].FinishedAt ?? now));
                }
            }

            return models.Count;
        });
        return models;
    }

    private static JsonObject Catalogue(string model, bool fineTune, long created) => new()
    {
        ["status"] = "succeeded",
        ["capabilities"] = Capabilities(fineTune),
        ["lifecycle_status"] = "generally-available",
        ["deprecation"] = new JsonObject { ["inference"] = created + (3L * 365 * 24 * 3600) },
        ["id"] = model,
        ["created_at"] = created,
        ["object"] = "model",
    };

    private static JsonObject FineTuned(StoredJob job, DateTimeOffset finished) => new()
    {
        ["status"] = "succeeded",
        ["model"] = job.Model,
        ["fine_tune"] = job.Id,
        ["capabilities"] = Capabilities(fineTune: true),
        ["lifecycle_status"] = "generally-available",
        ["deprecation"] = new JsonObject { ["inference"] = finished.AddYears(1).ToUnixTimeSeconds() },
        ["id"] = job.FineTunedModelName,
        ["created_at"] = finished.ToUnixTimeSeconds(),
        ["object"] = "model",
    };

    private static JsonObject Capabilities(bool fineTune) => new()
    {
        ["fine_tune"] = fineTune,
        ["inference"] = true,
        ["completion"] = false,
        ["chat_completion"] = true,
        ["embeddings"] = false,
    };
}
