using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CarePathway.Engine.Activities;

/// <summary>
/// The inputs an inputs record declares with <see cref="InputAttribute"/>, in declaration order, each with the
/// descriptor derived from it. Read once per type by reflection: the catalog's descriptors and every binding use it.
/// </summary>
internal sealed class InputShape
{
    private static readonly ConcurrentDictionary<Type, InputShape> Shapes = new();

    private InputShape(Type type)
    {
        Type = type;
        // The order the designer lists the inputs in: a base record's (the task inputs) first, then each in declaration
        // (metadata) order.
        Fields = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.IsDefined(typeof(InputAttribute)))
            .OrderBy(p => Depth(p.DeclaringType!))
            .ThenBy(p => p.MetadataToken)
            .Select(InputField.Of)];
        Descriptors = [.. Fields.Select(f => f.Descriptor)];
    }

    public Type Type { get; }
    public IReadOnlyList<InputField> Fields { get; }
    public IReadOnlyList<InputDescriptor> Descriptors { get; }

    public static InputShape Of(Type type) => Shapes.GetOrAdd(type, static t => new InputShape(t));

    public bool Declares(string name) => Fields.Any(f => f.Name == name);

    private static int Depth(Type type) => type.BaseType is { } parent ? 1 + Depth(parent) : 0;
}

/// <summary>One declared input: the property it binds to, its descriptor, and for an object list the shape of its items.</summary>
internal sealed record InputField(PropertyInfo Property, InputDescriptor Descriptor, InputShape? Items)
{
    public string Name => Descriptor.Name;

    public static InputField Of(PropertyInfo property)
    {
        var input = property.GetCustomAttribute<InputAttribute>()!;
        var options = input.Options ?? (input.OptionsOf is { } set ? ClosedSet(set) : null);
        var items = ItemType(property.PropertyType) is { } itemType ? InputShape.Of(itemType) : null;
        var kind = KindOf(property, options is not null, items is not null);
        if (input.ExpressionType != ExpressionType.Any && kind != InputKind.Expression)
            throw Misdeclared(property, "only an expression input has an expression type");
        return new InputField(property, new InputDescriptor
        {
            Name = JsonNamingPolicy.CamelCase.ConvertName(property.Name),
            Label = input.Label ?? InputLabel.FromPropertyName(property.Name),
            Kind = kind,
            Required = property.IsDefined(typeof(RequiredMemberAttribute)),
            Description = input.Description,
            ExpressionType = input.ExpressionType,
            Options = options,
            Fields = items?.Descriptors,
        }, items);
    }

    private static InputKind KindOf(PropertyInfo property, bool hasOptions, bool isObjectList)
    {
        var type = property.PropertyType;
        if (hasOptions && type != typeof(string)) throw Misdeclared(property, "only a string input has options");
        if (type == typeof(string)) return hasOptions ? InputKind.Choice : InputKind.Text;
        if (type == typeof(ExpressionInput)) return InputKind.Expression;
        if (type == typeof(bool) || type == typeof(bool?)) return InputKind.Boolean;
        if (type == typeof(IReadOnlyList<string>)) return InputKind.TextList;
        return isObjectList ? InputKind.ObjectList : throw Misdeclared(property, $"{type.Name} is not an input type");
    }

    /// <summary>The item record of an <c>IReadOnlyList&lt;T&gt;</c> object-list input, or null.</summary>
    private static Type? ItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && type.GetGenericArguments()[0] is { IsClass: true } item
            && item != typeof(string)
            ? item
            : null;

    private static IReadOnlyList<string> ClosedSet(Type set) =>
        set.GetField("All", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string>
        ?? throw new InvalidOperationException($"{set.Name} has no public static All listing its values");

    private static InvalidOperationException Misdeclared(PropertyInfo property, string why) =>
        new($"{property.DeclaringType!.Name}.{property.Name}: {why}");
}
