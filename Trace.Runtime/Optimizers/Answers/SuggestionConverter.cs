using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opto.Optimizers.Answers;

/// <summary>
/// Converts a suggested JSON value to a parameter's type, strictly: a number for an <c>int</c> must be an integer in
/// range, an enum name must be defined, a record must have no unknown members. It never returns a half-right value.
/// </summary>
internal static class SuggestionConverter
{
    private static readonly JsonSerializerOptions s_strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        PropertyNameCaseInsensitive = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static bool TryConvert(JsonElement value, Type type, out object? result, out string? problem)
    {
        result = null;
        problem = null;
        var underlying = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (underlying is not null) return true;
            problem = $"null is not a value for {TypeNames.Display(type)}; give a value.";
            return false;
        }

        // Half a surrogate pair anywhere in the value (a string, a number or name sent as a string, a list item, a
        // member name) would throw when read: it is refused here, by name, for every type.
        if (JsonText.FindInvalid(value) is { } invalid)
        {
            problem = $"the value is not valid text: {invalid}.";
            return false;
        }

        var target = underlying ?? type;
        if (target == typeof(string)) return ToText(value, out result, out problem);
        if (target == typeof(bool)) return ToBool(value, out result, out problem);
        if (target == typeof(char)) return ToChar(value, out result, out problem);
        if (target.IsEnum) return ToEnum(value, target, out result, out problem);
        if (IsNumber(target)) return ToNumber(value, target, out result, out problem);
        return ToObject(value, target, out result, out problem);
    }

    private static bool ToText(JsonElement value, out object? result, out string? problem)
    {
        result = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            problem = $"expected a JSON string for string, got a {AnswerParser.Describe(value.ValueKind)}.";
            return false;
        }

        var text = value.GetString()!;
        var at = text.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        while (at >= 0 && text[at] is '\n' or '\r' or '\t')
        {
            var next = text.AsSpan(at + 1).IndexOfAnyInRange('\0', '\u001f');
            at = next < 0 ? -1 : at + 1 + next;
        }

        if (at < 0) at = text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        if (at >= 0)
        {
            problem = $"the text contains the control character U+{(int)text[at]:X4}; only tabs and line breaks are allowed.";
            return false;
        }

        problem = null;
        result = text;
        return true;
    }

    private static bool ToBool(JsonElement value, out object? result, out string? problem)
    {
        (result, problem) = value.ValueKind switch
        {
            JsonValueKind.True => ((object?)true, (string?)null),
            JsonValueKind.False => (false, null),
            JsonValueKind.String when bool.TryParse(value.GetString(), out var b) => (b, null),
            _ => (null, $"expected true or false for bool, got {Shorten(value)}."),
        };
        return problem is null;
    }

    private static bool ToChar(JsonElement value, out object? result, out string? problem)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: 1 } s)
        {
            (result, problem) = (s[0], null);
            return true;
        }

        (result, problem) = (null, $"expected a string of exactly one character for char, got {Shorten(value)}.");
        return false;
    }

    private static bool ToEnum(JsonElement value, Type type, out object? result, out string? problem)
    {
        result = null;
        var names = string.Join(", ", Enum.GetNames(type));
        // Names only (a flags enum may combine them with commas): numbers would slip in values that are not defined.
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } name
            && name.Split(',').All(part => Enum.GetNames(type).Contains(part.Trim(), StringComparer.OrdinalIgnoreCase))
            && (!name.Contains(',', StringComparison.Ordinal) || type.IsDefined(typeof(FlagsAttribute), false))
            && Enum.TryParse(type, name, ignoreCase: true, out var parsed))
        {
            (result, problem) = (parsed, null);
            return true;
        }

        problem = $"expected one of {names} for {TypeNames.Display(type)}, got {Shorten(value)}.";
        return false;
    }

    private static bool ToNumber(JsonElement value, Type type, out object? result, out string? problem)
    {
        result = null;
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!.Trim(),
            _ => null,
        };
        if (text is null)
        {
            problem = $"expected a number for {TypeNames.Display(type)}, got a {AnswerParser.Describe(value.ValueKind)}.";
            return false;
        }

        const NumberStyles integer = NumberStyles.AllowLeadingSign;
        const NumberStyles real = NumberStyles.Float;
        var c = CultureInfo.InvariantCulture;
        object? parsed = Type.GetTypeCode(type) switch
        {
            TypeCode.Byte => byte.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.SByte => sbyte.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.Int16 => short.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.UInt16 => ushort.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.Int32 => int.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.UInt32 => uint.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.Int64 => long.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.UInt64 => ulong.TryParse(text, integer, c, out var v) ? v : null,
            TypeCode.Single => float.TryParse(text, real, c, out var v) && float.IsFinite(v) ? v : null,
            TypeCode.Double => double.TryParse(text, real, c, out var v) && double.IsFinite(v) ? v : null,
            TypeCode.Decimal => decimal.TryParse(text, real, c, out var v) ? v : null,
            _ => null,
        };

        if (parsed is null)
        {
            problem = $"'{Shorten(text)}' is not a valid {TypeNames.Display(type)} (whole number in range for integer types, finite for floating point).";
            return false;
        }

        (result, problem) = (parsed, null);
        return true;
    }

    private static bool ToObject(JsonElement value, Type type, out object? result, out string? problem)
    {
        result = null;
        var element = value;
        JsonDocument? inner = null;
        try
        {
            // A collection or record sent as a JSON string (double-encoded): read the string's JSON.
            if (value.ValueKind == JsonValueKind.String)
            {
                try
                {
                    inner = JsonDocument.Parse(value.GetString()!);
                    element = inner.RootElement;
                }
                catch (JsonException)
                {
                    problem = $"expected JSON for {TypeNames.Display(type)}, got a string that is not JSON: {Shorten(value)}.";
                    return false;
                }
            }

            if (inner is not null && JsonText.FindInvalid(element) is { } invalid)
            {
                problem = $"the value is not valid text (in the JSON inside the string): {invalid}.";
                return false;
            }

            if (NestedProblem(element) is { } nested)
            {
                problem = $"not a valid {TypeNames.Display(type)}: {nested}";
                return false;
            }

            result = element.Deserialize(type, s_strict);
            if (result is null)
            {
                problem = $"null is not a value for {TypeNames.Display(type)}; give a value.";
                return false;
            }

            problem = null;
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // System.Text.Json's errors, and anything the type's own constructor or setters throw for this value.
            problem = $"not a valid {TypeNames.Display(type)}: {FirstLine(e.Message)}";
            return false;
        }
        finally
        {
            inner?.Dispose();
        }
    }

    // What the top-level checks would refuse for a string, applied inside collections and records too.
    private static string? NestedProblem(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return ControlCharacter(element.GetString()!) is { } c ? $"a text contains the control character U+{(int)c:X4}." : null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Null) return "a list item is null; give every item a value.";
                    if (NestedProblem(item) is { } problem) return problem;
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    // Names are text too: a dictionary's keys end up in the value.
                    if (ControlCharacter(property.Name) is { } control) return $"a name contains the control character U+{(int)control:X4}.";
                    if (NestedProblem(property.Value) is { } problem) return problem;
                }

                return null;
            default:
                return null;
        }
    }

    private static char? ControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) return c;
        }

        return null;
    }

    private static bool IsNumber(Type type) => Type.GetTypeCode(type) is >= TypeCode.SByte and <= TypeCode.Decimal;

    internal static string Shorten(JsonElement value) => Shorten(value.GetRawText());

    internal static string Shorten(string text) => ValueText.Truncate(text, 120);

    private static string FirstLine(string message) => ValueText.Truncate(JsonText.Visible(message.Split('\n')[0].Trim()), 300);
}
