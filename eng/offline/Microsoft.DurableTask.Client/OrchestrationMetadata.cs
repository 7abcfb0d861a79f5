namespace Microsoft.DurableTask.Client;

/// <summary>Stand-in: what a client knows about an orchestration instance.</summary>
public sealed class OrchestrationMetadata
{
    public OrchestrationMetadata(string name, string instanceId)
    {
        this.Name = name;
        this.InstanceId = instanceId;
    }

    public string Name { get; }

    public string InstanceId { get; }

    public DataConverter? DataConverter { get; init; }

    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public TaskFailureDetails? FailureDetails { get; init; }

    public bool IsRunning => this.RuntimeStatus == OrchestrationRuntimeStatus.Running;

    public bool IsCompleted => this.RuntimeStatus is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    public T? ReadInputAs<T>() => this.Read<T>(this.SerializedInput);

    public T? ReadOutputAs<T>() => this.Read<T>(this.SerializedOutput);

    public T? ReadCustomStatusAs<T>() => this.Read<T>(this.SerializedCustomStatus);

    public override string ToString() => $"[{this.Name}, {this.InstanceId}, {this.RuntimeStatus}]";

    private T? Read<T>(string? data) =>
        (this.DataConverter ?? throw new InvalidOperationException("Fetch the instance with inputs and outputs to read its data."))
            .Deserialize<T>(data);
}
