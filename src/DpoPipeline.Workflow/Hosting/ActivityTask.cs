using DpoPipeline.Workflow.Failures;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DpoPipeline.Workflow.Hosting;

/// <summary>
/// An activity of the workflow: its name, its payload types, and the only way orchestrators call it, so an orchestrator
/// cannot call an activity that is not in <see cref="WorkflowTasks"/> or pass it the wrong input.
/// </summary>
public sealed class ActivityTask<TActivity, TInput, TOutput>(string name) : IActivityTask
    where TActivity : IWorkflowActivity<TInput, TOutput>
{
    public string Name { get; } = name;

    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    public Type ActivityType => typeof(TActivity);

    public Task<TOutput> CallAsync(TaskOrchestrationContext context, TInput input, TaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<TOutput>(Name, input, options);
    }

    /// <summary>Runs the activity from <paramref name="services"/> as the Functions app's activity trigger does.</summary>
    public Task<TOutput> RunAsync(IServiceProvider services, TInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return StepFailures.RunAsync(() => services.GetRequiredService<TActivity>().RunAsync(input, cancellationToken));
    }

    /// <summary>The worker creates the adapter per work item from its service provider, which supplies the activity.</summary>
    public void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddActivity(Name, typeof(Adapter));
    }

    private sealed class Adapter(TActivity activity) : TaskActivity<TInput, TOutput>
    {
        // The Durable Task worker gives activities no cancellation token: an activity cut off by a stopping host is
        // not completed, so the engine runs it again, which every activity here tolerates.
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
            StepFailures.RunAsync(() => activity.RunAsync(input, CancellationToken.None));
    }
}
