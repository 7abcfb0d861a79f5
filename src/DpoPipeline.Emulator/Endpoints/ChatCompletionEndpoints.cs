using System.Text.Json;
using System.Text.Json.Nodes;
using DpoPipeline.Emulator.Chat;
using DpoPipeline.Emulator.Http;
using DpoPipeline.Emulator.Lifecycle;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Endpoints;

/// <summary>
/// Chat completions on a deployment: v1 <c>/chat/completions</c> (model = deployment name) and the classic
/// <c>/openai/deployments/{name}/chat/completions</c>. Answers 404 DeploymentNotFound until provisioned and
/// DeploymentNotReady for a while after.
/// </summary>
internal static class ChatCompletionEndpoints
{
    public static void MapV1(IEndpointRouteBuilder routes) => routes.MapPost("/chat/completions", CompleteV1Async);

    public static void MapClassic(IEndpointRouteBuilder routes) =>
        routes.MapPost("/deployments/{deployment}/chat/completions", (string deployment, HttpRequest request, EmulatorRuntime runtime, TrainingExampleCache cache, CancellationToken ct) =>
            CompleteAsync(deployment, request, runtime, cache, ct));

    private static Task<IResult> CompleteV1Async(HttpRequest request, EmulatorRuntime runtime, TrainingExampleCache cache, CancellationToken cancellationToken) =>
        CompleteAsync(null, request, runtime, cache, cancellationToken);

    private static async Task<IResult> CompleteAsync(string? deploymentName, HttpRequest request, EmulatorRuntime runtime, TrainingExampleCache cache, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return AzureError.Result(StatusCodes.Status400BadRequest, "BadRequest", $"The request body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                return AzureError.Result(StatusCodes.Status400BadRequest, "BadRequest", "The request body must be a JSON object.");
            }

            deploymentName ??= body.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : null;
            if (string.IsNullOrEmpty(deploymentName))
            {
                return AzureError.Result(StatusCodes.Status400BadRequest, "BadRequest", "'model' (the deployment name) is required.");
            }

            if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
            {
                return AzureError.Result(StatusCodes.Status400BadRequest, "BadRequest", "'messages' must be a non-empty array.");
            }

            var now = runtime.Now;
            var prompt = ChatResponder.LastUserText(messages);
            var promptTokens = messages.EnumerateArray().Sum(m => ChatResponder.EstimateTokens(m.GetRawText()) + 3) + 3;
            return runtime.Store.Read(state => Answer(state, runtime, cache, deploymentName, prompt, promptTokens, now));
        }
    }

    private static IResult Answer(EmulatorStore state, EmulatorRuntime runtime, TrainingExampleCache cache, string deploymentName, string prompt, int promptTokens, DateTimeOffset now)
    {
        var deployment = state.Deployments
            .Where(d => string.Equals(d.Key.Name, deploymentName, StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault(d => DeploymentLifecycle.StateOf(d, runtime.Options, now) == DeploymentLifecycle.Succeeded);
        if (deployment is null)
        {
            return AzureError.Result(
                StatusCodes.Status404NotFound,
                "DeploymentNotFound",
                "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");
        }

        if (!DeploymentLifecycle.IsServing(deployment, runtime.Options, now))
        {
            return AzureError.Result(
                StatusCodes.Status404NotFound,
                "DeploymentNotReady",
                $"The deployment '{deployment.Key.Name}' is not ready to serve requests yet. Please wait a few minutes and try again.");
        }

        var progress = runtime.Progress(state, now);
        var job = state.Jobs.FirstOrDefault(j => j.FineTunedModelName == deployment.ModelName && progress[j.Id].Status == JobStatus.Succeeded);
        var answer = job is null
            ? ChatResponder.BaseAnswer(prompt)
            : ChatResponder.FineTunedAnswer(prompt, cache.Get(job.TrainingFile, () => state.FileContent(job.TrainingFile) ?? []), prompt);
        return Results.Json(Completion(deployment.ModelName, answer, promptTokens, now));
    }

    private static JsonObject Completion(string model, string answer, int promptTokens, DateTimeOffset now)
    {
        var completionTokens = ChatResponder.EstimateTokens(answer);
        return new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject
            {
                ["finish_reason"] = "stop",
                ["index"] = 0,
                ["logprobs"] = null,
                ["message"] = new JsonObject { ["content"] = answer, ["refusal"] = null, ["role"] = "assistant" },
            }),
            ["created"] = now.ToUnixTimeSeconds(),
            ["id"] = Ids.New("chatcmpl-"),
            ["model"] = model,
            ["object"] = "chat.completion",
            ["system_fingerprint"] = "fp_emulator",
            ["usage"] = new JsonObject
            {
                ["completion_tokens"] = completionTokens,
                ["prompt_tokens"] = promptTokens,
                ["total_tokens"] = completionTokens + promptTokens,
            },
        };
    }
}
