using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Hosting;

/// <summary>An orchestrator of the workflow: its name, payload types and body, for registration and sub-orchestration calls.</summary>
public sealed class OrchestratorTask<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> body) : IWorkflowTask
{
    public string Name { get; } = name;

    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    /// <summary>Runs the body with the context's input; what the Functions app's orchestration trigger calls.</summary>
    public Task<TOutput> RunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return body(context, context.GetInput<TInput>()!);
    }

    public Task<TOutput> CallAsync(TaskOrchestrationContext context, TInput input, SubOrchestrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallSubOrchestratorAsync<TOutput>(Name, input, options);
    }

    public void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc(Name, body);
    }
}
