using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DpoPipeline.Workflow.Tests;

public sealed class WorkflowTasksTests
{
    [Fact]
    public void Every_task_has_its_own_name()
    {
        var names = WorkflowTasks.AllOrchestrators.Concat<IWorkflowTask>(WorkflowTasks.AllActivities).Select(t => t.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(15, names.Count);
    }

    [Fact]
    public void Every_activity_class_does_the_work_with_the_payload_types_its_entry_names()
    {
        Assert.All(WorkflowTasks.AllActivities, task =>
            Assert.Contains(typeof(IWorkflowActivity<,>).MakeGenericType(task.InputType, task.OutputType), task.ActivityType.GetInterfaces()));
    }

    [Fact]
    public void The_workflow_services_provide_every_activity()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IRunFiles>(new UnusedRunFiles())
            .AddDpoWorkflow(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OpenAI:Endpoint"] = "http://127.0.0.1:1/",
                ["Arm:Endpoint"] = "http://127.0.0.1:1/",
                ["Arm:SubscriptionId"] = "00000000-0000-0000-0000-000000000000",
                ["Arm:ResourceGroup"] = "rg",
                ["Arm:AccountName"] = "account",
            }).Build());
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.All(WorkflowTasks.AllActivities, task => Assert.NotNull(provider.GetRequiredService(task.ActivityType)));
    }

    [Fact]
    public void Registering_the_list_offers_every_task_to_the_engine_by_name()
    {
        var registry = new DurableTaskRegistry();

        WorkflowTasks.Register(registry);

        // A second registration of the same name is refused: proof that the first one happened.
        Assert.All(WorkflowTasks.AllActivities, task => Assert.Throws<ArgumentException>(() => registry.AddActivityFunc<object, object>(task.Name, (_, i) => i)));
        Assert.All(WorkflowTasks.AllOrchestrators, task => Assert.Throws<ArgumentException>(() => registry.AddOrchestratorFunc<object, object>(task.Name, (_, i) => i)));
    }

    private sealed class UnusedRunFiles : IRunFiles
    {
        public Task<Stream> OpenReadAsync(Uri uri, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Uri> WriteAsync(string runId, string name, Stream content, string contentType, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<string> VersionOfAsync(Uri uri, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream> OpenVersionAsync(Uri uri, string version, CancellationToken cancellationToken) => throw new NotSupportedException();

        public bool Owns(Uri uri) => false;

        public string NameOf(Uri uri) => throw new NotSupportedException();
    }
}
