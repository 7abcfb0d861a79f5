using System.Reflection;
using System.Text.RegularExpressions;

namespace DpoPipeline.Infra.Tests;

/// <summary>
/// Finds, by reflection over built assemblies, the settings the code reads: properties of options classes
/// (a <c>public const string SectionName</c> → <c>Section__Property</c> for each settable scalar property) and <c>%Name%</c> binding expressions in
/// attribute arguments of methods and their parameters (triggers and bindings).
/// </summary>
internal static partial class CodeSettingsDiscovery
{
    /// <summary>The product assemblies next to the test binaries (test and test-support assemblies excluded).</summary>
    public static IReadOnlyList<Assembly> ProductAssemblies() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "DpoPipeline.*.dll")
            .Where(path => !Path.GetFileNameWithoutExtension(path).EndsWith(".Tests", StringComparison.Ordinal))
            .Where(path => Path.GetFileNameWithoutExtension(path) != "DpoPipeline.Testing")
            .Select(Assembly.LoadFrom)
            .ToList();

    public static IReadOnlyList<CodeSetting> Discover(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(LoadableTypes).SelectMany(type => OptionsSettings(type).Concat(BindingExpressions(type))).Distinct().ToList();

    /// <summary>The configuration section an options class binds to, or null for other types.</summary>
    public static string? SectionNameOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    // Only scalar properties directly on the options class are contract settings; nested option objects (retry
    // tuning and the like) keep their code defaults and are not app settings.
    private static IEnumerable<CodeSetting> OptionsSettings(Type type) =>
        SectionNameOf(type) is not { } section
            ? []
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0)
                .Where(property => IsScalar(property.PropertyType))
                .Select(property => new CodeSetting($"{section}__{property.Name}", SettingReader.OptionsClass, $"{type.Name}.{property.Name}"));

    /// <summary>Types ConfigurationBinder converts from one string; anything else (credentials, clocks, delegates) is not a setting.</summary>
    private static bool IsScalar(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum
            || underlying == typeof(string) || underlying == typeof(decimal) || underlying == typeof(TimeSpan)
            || underlying == typeof(Uri) || underlying == typeof(Guid) || underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime);
    }

    private static IEnumerable<CodeSetting> BindingExpressions(Type type)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(declared))
        {
            var attributes = method.GetCustomAttributesData().Concat(method.GetParameters().SelectMany(parameter => parameter.GetCustomAttributesData()));
            foreach (var attribute in attributes)
            {
                var values = attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(named => named.TypedValue));
                foreach (var text in values.Select(value => value.Value).OfType<string>())
                {
                    foreach (Match match in SettingReference().Matches(text))
                    {
                        yield return new CodeSetting(
                            match.Groups["name"].Value.Replace(":", "__", StringComparison.Ordinal),
                            SettingReader.BindingExpression,
                            $"{type.Name}.{method.Name} [{attribute.AttributeType.Name}]");
                    }
                }
            }
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_:.]+)%")]
    private static partial Regex SettingReference();
}
