using System.Reflection;
using System.Text;

namespace DpoPipeline.Workflow.Tests.StandIns;

/// <summary>Describes public and protected members as comparable text: kind, modifiers, name, parameter and return types.</summary>
internal static class ApiSurface
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    // Members the C# compiler writes for records; they follow from "is a record", which the base type check covers.
    private static readonly HashSet<string> RecordPlumbing = new(StringComparer.Ordinal) { "EqualityContract", "<Clone>$", "PrintMembers" };

    public static IEnumerable<MemberInfo> VisibleMembers(Type type) =>
        type.GetMembers(Declared).Where(IsVisible).Where(m => !RecordPlumbing.Contains(m.Name));

    public static string Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"{Modifiers(c)}.ctor({Parameters(c)})",
        MethodInfo m => $"{Modifiers(m)}{TypeName(m.ReturnType)} {m.Name}{Arity(m)}({Parameters(m)})",
        PropertyInfo p => $"{Modifiers(p.GetMethod ?? p.SetMethod!)}{TypeName(p.PropertyType)} {p.Name} {{ {Accessors(p)}}}",
        FieldInfo f => $"{(f.IsStatic ? "static " : string.Empty)}{(f.IsLiteral ? "const " : string.Empty)}{TypeName(f.FieldType)} {f.Name}",
        EventInfo e => $"event {TypeName(e.EventHandlerType!)} {e.Name}",
        Type t => $"nested {t.Name}",
        _ => member.ToString()!,
    };

    public static bool IsAbstract(MemberInfo member) => member switch
    {
        MethodInfo m => m.IsAbstract,
        PropertyInfo p => (p.GetMethod ?? p.SetMethod)!.IsAbstract,
        _ => false,
    };

    public static string TypeKind(Type type) =>
        type.IsEnum ? "enum"
        : type.IsInterface ? "interface"
        : type.IsValueType ? "struct"
        : $"{(type.IsAbstract && type.IsSealed ? "static " : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : string.Empty)}class" +
          (type.BaseType is { } b && b.FullName != "System.Object" ? $" : {TypeName(b)}" : string.Empty);

    public static string TypeName(Type type)
    {
        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "!" : "!!") + type.GenericParameterPosition;
        }

        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!) + "&";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var definition = type.GetGenericTypeDefinition();
        var name = new StringBuilder(definition.FullName ?? definition.Name);
        if (!type.IsGenericTypeDefinition)
        {
            name.Append('[').AppendJoin(", ", type.GetGenericArguments().Select(TypeName)).Append(']');
        }

        return name.ToString();
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        PropertyInfo p => (p.GetMethod ?? p.SetMethod) is { } a && (a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        EventInfo e => e.AddMethod is { } a && (a.IsPublic || a.IsFamily),
        Type t => t.IsNestedPublic || t.IsNestedFamily,
        _ => false,
    } && !(member is MethodInfo { IsSpecialName: true } special && !special.Name.StartsWith("op_", StringComparison.Ordinal));

    private static string Modifiers(MethodBase method)
    {
        var access = method.IsPublic ? "public " : "protected ";
        var kind = method.IsStatic ? "static "
            : method.IsAbstract ? "abstract "
            : method.IsVirtual && !method.IsFinal ? "virtual "
            : string.Empty;
        return access + kind;
    }

    private static string Accessors(PropertyInfo property) =>
        (property.GetMethod is { } get && (get.IsPublic || get.IsFamily) ? "get; " : string.Empty) +
        (property.SetMethod is { } set && (set.IsPublic || set.IsFamily)
            ? set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? "init; " : "set; "
            : string.Empty);

    private static string Arity(MethodInfo method) => method.IsGenericMethod ? $"`{method.GetGenericArguments().Length}" : string.Empty;

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p =>
            $"{TypeName(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.RawDefaultValue ?? "null") : string.Empty)}"));
}
