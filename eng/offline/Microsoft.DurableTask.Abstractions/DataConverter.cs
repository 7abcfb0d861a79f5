namespace Microsoft.DurableTask;

/// <summary>Stand-in: serializes inputs, outputs and custom status.</summary>
public abstract class DataConverter
{
    public abstract string? Serialize(object? value);

    public abstract object? Deserialize(string? data, Type targetType);

    public virtual T? Deserialize<T>(string? data) => (T?)(this.Deserialize(data, typeof(T)) ?? default(T));
}
