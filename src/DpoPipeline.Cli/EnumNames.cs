using System.Reflection;
using System.Text.Json.Serialization;

namespace DpoPipeline.Cli;

/// <summary>The names enums carry in JSON (JsonStringEnumMemberName), reused as command-line values so both read the same.</summary>
internal static class EnumNames
{
    public static IReadOnlyDictionary<string, T> Of<T>()
        where T : struct, Enum =>
        typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(
            f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name.ToLowerInvariant(),
            f => (T)f.GetValue(null)!,
            StringComparer.OrdinalIgnoreCase);

    public static string NameOf<T>(T value)
        where T : struct, Enum =>
        Of<T>().First(kv => EqualityComparer<T>.Default.Equals(kv.Value, value)).Key;
}
