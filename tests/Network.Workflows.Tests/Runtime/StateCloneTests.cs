using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Network.Workflows.Runtime;

namespace Network.Workflows.Tests.Runtime;

/// <summary>
/// The instance state's hand-written <c>Clone()</c> methods (the interpreter changes a copy, never the state it was
/// given) must copy every property. A property added to a state class and forgotten in its <c>Clone()</c> comes back
/// with its default: these tests fill every settable property with a value no default has, clone, and compare each
/// property. They also check that what is mutable (lists, dictionaries, JSON) is a copy, not shared with the original.
/// </summary>
public sealed class StateCloneTests
{
    public static TheoryData<Type> StateTypes => [typeof(WorkflowInstanceState), typeof(PathToken), typeof(WaitState), typeof(HumanTask)];

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void Clone_copies_every_property(Type type)
    {
        var original = Filled(type, depth: 0);
        var clone = Clone(original);

        foreach (var property in SettableProperties(type))
        {
            var before = property.GetValue(original);
            var after = property.GetValue(clone);
            Assert.False(IsDefault(after), $"{type.Name}.Clone() leaves {property.Name} out: the copy has its default.");
            Assert.True(Json(before) == Json(after), $"{type.Name}.Clone() copies {property.Name} wrongly: {Json(before)} became {Json(after)}.");
        }
    }

    [Theory]
    [MemberData(nameof(StateTypes))]
    public void Clone_shares_nothing_mutable(Type type)
    {
        var original = Filled(type, depth: 0);
        var clone = Clone(original);

        foreach (var property in SettableProperties(type).Where(p => IsMutable(p.PropertyType)))
        {
            Assert.False(ReferenceEquals(property.GetValue(original), property.GetValue(clone)),
                $"{type.Name}.Clone() shares {property.Name} with the original: a change to the copy would change the state it was made from.");
        }
    }

    private static object Clone(object state) =>
        state.GetType().GetMethod("Clone", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!.Invoke(state, null)!;

    private static IEnumerable<PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    private static bool IsMutable(Type type) =>
        type != typeof(string) && (typeof(IEnumerable).IsAssignableFrom(type) || typeof(JsonNode).IsAssignableFrom(type) || type.GetMethod("Clone", Type.EmptyTypes) is not null);

    private static string Json(object? value) => JsonSerializer.Serialize(value, WorkflowStateJson.Options);

    private static bool IsDefault(object? value) =>
        value is null
        || (value is string s && s.Length == 0)
        || (value is ICollection c && c.Count == 0)
        || (value is JsonObject o && o.Count == 0)
        || (value.GetType().IsValueType && value.Equals(Activator.CreateInstance(value.GetType())));

    /// <summary>An instance of <paramref name="type"/> with every settable property set to a value unlike its default.</summary>
    private static object Filled(Type type, int depth)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in SettableProperties(type))
        {
            property.SetValue(instance, Value(property.PropertyType, property.Name, depth));
        }
        return instance;
    }

    private static object Value(Type type, string name, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return "value-of-" + name;
        }
        if (underlying == typeof(int))
        {
            return 7;
        }
        if (underlying == typeof(long))
        {
            return 11L;
        }
        if (underlying == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        }
        if (underlying.IsEnum)
        {
            // The last member: not the default (0) unless the enum has one member.
            return Enum.GetValues(underlying).Cast<object>().Last();
        }
        if (underlying == typeof(JsonObject) || underlying == typeof(JsonNode))
        {
            return new JsonObject { [name] = 1 };
        }
        if (underlying == typeof(Dictionary<string, string>))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal) { [name] = "x" };
        }
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(underlying)!;
            list.Add(Value(underlying.GetGenericArguments()[0], name, depth + 1));
            return list;
        }
        if (underlying.IsClass && depth < 8 && underlying.GetConstructor(Type.EmptyTypes) is not null)
        {
            return Filled(underlying, depth + 1);
        }
        throw new InvalidOperationException($"StateCloneTests cannot make a value of {type} for {name}: teach Value() this type.");
    }
}
