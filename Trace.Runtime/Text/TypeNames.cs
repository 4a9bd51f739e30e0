using System.Text;

namespace Opto;

/// <summary>C# spellings of types (<c>string</c>, <c>List&lt;int&gt;</c>, <c>int?</c>), as a C# developer and an optimizer read them.</summary>
public static class TypeNames
{
    private static readonly Dictionary<Type, string> s_keywords = new()
    {
        [typeof(string)] = "string", [typeof(object)] = "object", [typeof(bool)] = "bool", [typeof(char)] = "char",
        [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short", [typeof(ushort)] = "ushort",
        [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(void)] = "void",
    };

    /// <summary>The C# spelling of a type.</summary>
    /// <param name="type">The type.</param>
    /// <param name="qualified">Whether to include namespaces (<c>System.Collections.Generic.List&lt;int&gt;</c>).</param>
    public static string Display(Type type, bool qualified = false)
    {
        var builder = new StringBuilder();
        Append(builder, type, qualified);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Type type, bool qualified)
    {
        if (s_keywords.TryGetValue(type, out var keyword))
        {
            builder.Append(keyword);
            return;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            Append(builder, underlying, qualified);
            builder.Append('?');
            return;
        }

        if (type.IsArray)
        {
            Append(builder, type.GetElementType()!, qualified);
            builder.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
            return;
        }

        if (type.IsNested && !type.IsGenericParameter)
        {
            Append(builder, type.DeclaringType!, qualified);
            builder.Append('.');
        }
        else if (qualified && !string.IsNullOrEmpty(type.Namespace))
        {
            builder.Append(type.Namespace).Append('.');
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        builder.Append(tick < 0 ? name : name[..tick]);
        if (!type.IsGenericType) return;

        var arguments = type.GetGenericArguments();
        var own = type.IsNested ? arguments.Skip(type.DeclaringType!.GetGenericArguments().Length).ToArray() : arguments;
        if (own.Length == 0) return;
        builder.Append('<');
        for (var i = 0; i < own.Length; i++)
        {
            if (i > 0) builder.Append(", ");
            Append(builder, own[i], qualified);
        }

        builder.Append('>');
    }
}
