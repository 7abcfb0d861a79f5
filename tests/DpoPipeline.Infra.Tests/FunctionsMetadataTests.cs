using System.Reflection;
using System.Text.Json;
using DpoPipeline.Testing;
using DpoPipeline.Workflow.Hosting;
using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>
/// The functions.metadata the Worker SDK generates from the Functions app's attributes — what the Functions host
/// binds in Azure — checked against the workflow's one registration list (WorkflowTasks) and the infrastructure.
/// Orchestrators reach activities only through WorkflowTasks entries, so an activity an orchestrator calls that has
/// no activity trigger fails here, at build-and-test time, not at run time in Azure.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly IReadOnlyList<FunctionEntry> Functions = Load();

    [Fact]
    public void Every_activity_of_the_workflow_is_bound_and_nothing_else_is()
    {
        Assert.Equal(
            WorkflowTasks.AllActivities.Select(t => t.Name).Order(StringComparer.Ordinal),
            Triggered("activityTrigger").Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_orchestrator_of_the_workflow_is_bound_and_nothing_else_is()
    {
        Assert.Equal(
            WorkflowTasks.AllOrchestrators.Select(t => t.Name).Order(StringComparer.Ordinal),
            Triggered("orchestrationTrigger").Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_activity_binding_takes_and_returns_the_payload_types_of_its_workflow_entry()
    {
        foreach (var task in WorkflowTasks.AllActivities)
        {
            var method = EntryPoint(Triggered("activityTrigger").Single(f => f.Name == task.Name));
            var trigger = Assert.Single(method.GetParameters(), p => p.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ActivityTriggerAttribute"));

            Assert.Equal(task.InputType, trigger.ParameterType);
            Assert.Equal(typeof(Task<>).MakeGenericType(task.OutputType), method.ReturnType);
        }
    }

    [Fact]
    public void The_dataset_blob_trigger_listens_to_the_datasets_container_through_event_grid()
    {
        var blob = Assert.Single(Functions.SelectMany(f => f.Bindings), b => b.Type == "blobTrigger");

        Assert.Equal("datasets/{name}", blob.Path);
        Assert.Equal("EventGrid", blob.Source);
    }

    [Fact]
    public void The_only_timer_takes_its_schedule_from_the_cleanup_schedule_setting()
    {
        var timer = Assert.Single(Functions.SelectMany(f => f.Bindings), b => b.Type == "timerTrigger");

        Assert.Equal("%CleanupSchedule%", timer.Schedule);
    }

    [Fact]
    public void The_http_api_has_exactly_the_documented_routes()
    {
        var routes = Triggered("httpTrigger")
            .Select(f => f.Bindings.Single(b => b.Type == "httpTrigger"))
            .Select(b => $"{string.Join(',', b.Methods ?? [])} {b.Route}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "delete runs/{runId}", "delete runs/{runId}/deployment", "get health", "get runs", "get runs/{runId}", "get runs/{runId}/report", "post runs",
                "post runs/{runId}/approve", "post runs/{runId}/cancel", "post runs/{runId}/pause", "post runs/{runId}/resume",
            ],
            routes);
        // Approving spend takes the admin (master) key, distinct from the function keys that start runs; health is open.
        var authLevels = Triggered("httpTrigger").ToDictionary(f => f.Name, f => f.Bindings.Single(b => b.Type == "httpTrigger").AuthLevel);
        Assert.Equal("Admin", authLevels["ApproveRun"]);
        Assert.Equal("Anonymous", authLevels["Health"]);
        Assert.All(authLevels.Where(a => a.Key is not ("ApproveRun" or "Health")), a => Assert.Equal("Function", a.Value));
    }

    [Fact]
    public void The_host_loads_the_durable_and_blob_extensions_with_the_azure_storage_provider()
    {
        using var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "extensions.json")));
        var names = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        var hostExtensions = RepositoryPaths.Combine("src", "DpoPipeline.Functions", "bin", BuildConfiguration, "net10.0", ".azurefunctions");

        Assert.Contains("DurableTask", names);
        Assert.Contains("AzureStorageBlobs", names);
        Assert.True(File.Exists(Path.Combine(hostExtensions, "DurableTask.AzureStorage.dll")), $"DurableTask.AzureStorage.dll is not in {hostExtensions}");
    }

    private static string BuildConfiguration =>
        typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static IEnumerable<FunctionEntry> Triggered(string triggerType) =>
        Functions.Where(f => f.Bindings.Any(b => b.Type == triggerType));

    private static MethodInfo EntryPoint(FunctionEntry function)
    {
        var assembly = Assembly.Load(Path.GetFileNameWithoutExtension(function.ScriptFile));
        var typeName = function.EntryPoint[..function.EntryPoint.LastIndexOf('.')];
        var methodName = function.EntryPoint[(function.EntryPoint.LastIndexOf('.') + 1)..];
        return assembly.GetType(typeName, throwOnError: true)!.GetMethod(methodName)
            ?? throw new InvalidOperationException($"{function.EntryPoint} is not in {assembly.GetName().Name}.");
    }

    private static IReadOnlyList<FunctionEntry> Load()
    {
        // The Worker SDK writes it next to the Functions app's build output, which this project's build copies here.
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        return JsonSerializer.Deserialize<List<FunctionEntry>>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{path} is empty.");
    }

    private sealed record FunctionEntry(string Name, string ScriptFile, string EntryPoint, IReadOnlyList<BindingEntry> Bindings);

    private sealed record BindingEntry(string Type, string? Path, string? Source, string? Schedule, string? Route, string[]? Methods, string? AuthLevel);
}
