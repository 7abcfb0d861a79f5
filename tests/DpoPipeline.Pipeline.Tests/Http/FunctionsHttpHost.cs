using System.Net;
using System.Reflection;
using Azure.Storage.Blobs;
using DpoPipeline.Emulator;
using DpoPipeline.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DpoPipeline.Pipeline.Tests.Http;

/// <summary>
/// The HTTP functions of <see cref="RunsApi"/> on Kestrel at a loopback port, the way the Functions host serves them:
/// every <c>[HttpTrigger]</c> method at <c>/api/{Route}</c> for its methods, a key required by its level (<c>?code=</c>
/// or <c>x-functions-key</c>: a function key or the master key at function level, the master key alone at admin
/// level; 401 otherwise), route values and the Durable client bound to the parameters, and the returned
/// action result written with MVC and the app's JSON options (<see cref="RunsApiJson"/>), as the ASP.NET Core
/// integration does. Routes come from the attributes themselves, so a new function is served without a change here.
/// </summary>
internal sealed class FunctionsHttpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionsHttpHost(WebApplication app, string key, string masterKey)
    {
        _app = app;
        Key = key;
        MasterKey = masterKey;
        BaseUri = EmulatorServer.ListeningUri(app);
    }

    public Uri BaseUri { get; }

    /// <summary>A function key: opens every function-level route.</summary>
    public string Key { get; }

    /// <summary>The host's master key: opens admin-level routes (approving a run's cost) too.</summary>
    public string MasterKey { get; }

    /// <param name="blobs">The storage account a <c>datasetUri</c> start reads from; unused (never called) with local run files.</param>
    public static async Task<FunctionsHttpHost> StartAsync(PipelineHarness harness, BlobServiceClient? blobs = null)
    {
        var key = NewKey();
        var masterKey = NewKey();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddMvcCore();
        builder.Services.AddRunsApiJson();
        var app = builder.Build();

        var api = new RunsApi(harness.Pipeline.Files, blobs ?? new BlobServiceClient("UseDevelopmentStorage=true"), Options.Create(harness.Pipeline.Options), TimeProvider.System, NullLoggerFactory.Instance);
        foreach (var method in typeof(RunsApi).GetMethods().Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        {
            var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().Single();
            string[] accepted = trigger.AuthLevel switch
            {
                AuthorizationLevel.Function => [key, masterKey],
                AuthorizationLevel.Admin => [masterKey],
                var level => throw new InvalidOperationException($"{method.Name}: no key rule for {level}."),
            };
            app.MapMethods(
                "/api/" + trigger.Route,
                [.. trigger.Methods!.Select(m => m.ToUpperInvariant())],
                (HttpContext context) => accepted.Contains(PresentedKey(context))
                    ? InvokeAsync(api, method, context, harness.Client)
                    : Unauthorized(context));
        }

        await app.StartAsync(TestContext.Current.CancellationToken);
        return new FunctionsHttpHost(app, key, masterKey);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string NewKey() => Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

    private static string? PresentedKey(HttpContext context) =>
        context.Request.Headers.TryGetValue("x-functions-key", out var header) ? header.ToString() : context.Request.Query["code"].ToString();

    private static Task Unauthorized(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    private static async Task InvokeAsync(RunsApi api, MethodInfo function, HttpContext context, DurableTaskClient client)
    {
        var arguments = function.GetParameters().Select(parameter => parameter.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(DurableTaskClient) => client,
            var t when t == typeof(CancellationToken) => context.RequestAborted,
            var t when t == typeof(string) => context.GetRouteValue(parameter.Name!),
            var t => throw new InvalidOperationException($"{function.Name}: no binding for a {t.Name} parameter."),
        }).ToArray();

        var result = await (Task<IActionResult>)function.Invoke(api, arguments)!;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
