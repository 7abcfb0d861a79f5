using Microsoft.DurableTask;

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
            activity.RunAsync(input, CancellationToken.None);
    }
}
