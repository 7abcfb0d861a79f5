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
/// DeploymentNotReady for a while after; then the emulated model's reply (<see cref="EmulatedChat"/>), as one
/// <c>chat.completion</c> or, with <c>stream: true</c>, as server-sent <c>chat.completion.chunk</c> events.
/// </summary>
internal static class ChatCompletionEndpoints
{
    public static void MapV1(IEndpointRouteBuilder routes) => routes.MapPost("/chat/completions", CompleteV1Async);

    public static void MapClassic(IEndpointRouteBuilder routes) =>
        routes.MapPost("/deployments/{deployment}/chat/completions", (string deployment, HttpRequest request, EmulatorRuntime runtime, EmulatedChat chat, CancellationToken ct) =>
            CompleteAsync(deployment, request, runtime, chat, ct));

    private static Task<IResult> CompleteV1Async(HttpRequest request, EmulatorRuntime runtime, EmulatedChat chat, CancellationToken cancellationToken) =>
        CompleteAsync(null, request, runtime, chat, cancellationToken);

    private static async Task<IResult> CompleteAsync(string? deploymentName, HttpRequest request, EmulatorRuntime runtime, EmulatedChat chat, CancellationToken cancellationToken)
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

            var call = new ChatCall(
                deploymentName,
                ChatResponder.Turns(messages),
                messages.EnumerateArray().Sum(m => ChatResponder.EstimateTokens(m.GetRawText()) + 3) + 3,
                body.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.Number && seed.TryGetInt64(out var value) ? value : null,
                body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
                body.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind == JsonValueKind.Object
                    && streamOptions.TryGetProperty("include_usage", out var includeUsage) && includeUsage.ValueKind == JsonValueKind.True);
            var now = runtime.Now;
            return runtime.Store.Read(state => Answer(state, runtime, chat, call, now));
        }
    }

    private static IResult Answer(EmulatorStore state, EmulatorRuntime runtime, EmulatedChat chat, ChatCall call, DateTimeOffset now)
    {
        var deployment = state.Deployments
            .Where(d => string.Equals(d.Key.Name, call.Deployment, StringComparison.OrdinalIgnoreCase))
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
        var kind = ModelCatalog.KindOf(state, job, progress);
        var plan = job is null ? null : JobPlan.For(job);
        var answer = chat.Reply(
            state, deployment.Key.Name, kind, call.Messages, call.Seed, plan is null ? null : (plan.Beta, plan.LearningRateMultiplier, plan.NEpochs));
        var completion = new ChatCompletionBody(Ids.New("chatcmpl-"), deployment.ModelName, now, answer, call.PromptTokens);
        return call.Stream
            ? Results.Stream(output => ChatCompletionStream.WriteAsync(output, completion, call.IncludeUsage), "text/event-stream")
            : Results.Json(completion.ToCompletion());
    }
}
