namespace Microsoft.DurableTask;

/// <summary>Stand-in: the name of an orchestrator or activity (compared case-insensitively, as in the package).</summary>
public readonly struct TaskName : IEquatable<TaskName>
{
    public TaskName(string name)
    {
        this.Name = name;
        this.Version = string.Empty;
    }

    public string Name { get; }

    public string Version { get; }

    public static implicit operator TaskName(string value) => new(value);

    public static implicit operator string(TaskName value) => value.Name;

    public static bool operator ==(TaskName a, TaskName b) => a.Equals(b);

    public static bool operator !=(TaskName a, TaskName b) => !a.Equals(b);

    public bool Equals(TaskName other) => string.Equals(this.Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is TaskName other && this.Equals(other);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(this.Name ?? string.Empty);

    public override string ToString() => this.Name;
}
