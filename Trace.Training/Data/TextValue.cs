using System.Globalization;
using System.Reflection;

namespace Opto.Training;

/// <summary>Converts the text of a field to a string, an enum, or any <see cref="IParsable{TSelf}"/> type (int, double, bool, decimal, DateTime, Guid, ...), with the invariant culture.</summary>
/// <typeparam name="T">The type to convert to; a nullable one reads an empty field as null.</typeparam>
internal static class TextValue<T>
{
    private static readonly Func<string, (bool Parsed, T? Value)>? s_tryParse = CreateParser();

    public static bool IsSupported => s_tryParse is not null;

    public static bool TryParse(string text, out T? value)
    {
        (var parsed, value) = s_tryParse!(text);
        return parsed;
    }

    private static Func<string, (bool, T?)>? CreateParser()
    {
        if (typeof(T) == typeof(string))
            return text => (true, (T)(object)text);

        var underlying = Nullable.GetUnderlyingType(typeof(T));
        var valueType = underlying ?? typeof(T);
        var parseValue = ParserOf(valueType);
        if (parseValue is null)
            return null;
        if (underlying is null)
            return text => parseValue(text) is (true, var value) ? (true, (T)value!) : (false, default);
        return text => text.Length == 0
            ? (true, default)
            : parseValue(text) is (true, var value) ? (true, (T)value!) : (false, default);
    }

    private static Func<string, (bool, object?)>? ParserOf(Type type)
    {
        if (type.IsEnum)
            return text => Enum.TryParse(type, text, ignoreCase: true, out var value) ? (true, value) : (false, null);
        if (!type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>) && i.GetGenericArguments()[0] == type))
            return null;
        var parse = typeof(TextValue<T>).GetMethod(nameof(TryParseParsable), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        return text => ((bool, object?))parse.Invoke(null, [text])!;
    }

    private static (bool, object?) TryParseParsable<TParsable>(string text) where TParsable : IParsable<TParsable> =>
        TParsable.TryParse(text, CultureInfo.InvariantCulture, out var value) ? (true, value) : (false, null);
}
