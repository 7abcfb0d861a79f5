using Microsoft.DurableTask;

namespace DpoPipeline.Workflow.Local;

/// <summary>
/// The activities and orchestrators a <see cref="LocalOrchestrationHost"/> can run, by name (case-insensitive, as
/// Durable names are). Inputs and outputs cross the registry as JSON (<see cref="DurableJson"/>), as they do in Azure,
/// so a payload that would not survive serialization fails here too.
/// </summary>
public sealed class LocalTaskRegistry
{
    private readonly Dictionary<string, Func<string?, CancellationToken, Task<string?>>> activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<TaskOrchestrationContext, string?, Task<string?>>> orchestrators = new(StringComparer.OrdinalIgnoreCase);

    public LocalTaskRegistry AddActivity<TInput, TOutput>(TaskName name, Func<TInput, CancellationToken, Task<TOutput>> activity)
    {
        ArgumentException.ThrowIfNullOrEmpty(name.Name, nameof(name));
        ArgumentNullException.ThrowIfNull(activity);
        Register(this.activities, name, async (input, cancellationToken) =>
            DurableJson.Serialize(await activity(DurableJson.Deserialize<TInput>(input)!, cancellationToken)));
        return this;
    }

    public LocalTaskRegistry AddOrchestrator<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator)
    {
        ArgumentException.ThrowIfNullOrEmpty(name.Name, nameof(name));
        ArgumentNullException.ThrowIfNull(orchestrator);
        Register(this.orchestrators, name, async (context, input) =>
            DurableJson.Serialize(await orchestrator(context, DurableJson.Deserialize<TInput>(input)!)));
        return this;
    }

    public bool HasActivity(TaskName name) => this.activities.ContainsKey(name.Name);

    public bool HasOrchestrator(TaskName name) => this.orchestrators.ContainsKey(name.Name);

    internal bool TryGetActivity(string name, out Func<string?, CancellationToken, Task<string?>> activity) =>
        this.activities.TryGetValue(name, out activity!);

    internal bool TryGetOrchestrator(string name, out Func<TaskOrchestrationContext, string?, Task<string?>> orchestrator) =>
        this.orchestrators.TryGetValue(name, out orchestrator!);

    private static void Register<T>(Dictionary<string, T> registrations, TaskName name, T registration)
    {
        if (!registrations.TryAdd(name.Name, registration))
        {
            throw new ArgumentException($"'{name.Name}' is already registered.", nameof(name));
        }
    }
}
