using System.Text.Json;
using System.Text.RegularExpressions;

namespace Opto;

/// <summary>
/// Parameter values as JSON, with System.Text.Json's default contract: the JSON <see cref="ParameterStore"/> saves and
/// loads, and the JSON of values in a saved optimizer log.
/// </summary>
internal static partial class ParameterJson
{
    /// <summary>
    /// The options <see cref="ParameterStore"/> writes and reads values with. Text is written as it is (<c>&lt;</c>, <c>&amp;</c>,
    /// quotes, accents, emoji), so a saved file reads well in a diff; only what JSON requires is escaped.
    /// </summary>
    public static readonly JsonSerializerOptions Options = OptoJson.Indented;

    /// <summary>
    /// JSON text with every escaped surrogate pair (<c>\uD83D\uDE00</c>, which System.Text.Json's encoders always escape)
    /// written as the character itself. Escaped backslashes are skipped as a unit, so <c>\\uD83D</c> stays as it is; a lone
    /// surrogate stays escaped, since it is not a character.
    /// </summary>
    public static string Unescape(string json) =>
        json.Contains("\\u", StringComparison.Ordinal) ? SurrogatePair().Replace(json, static m => m.Groups[1].Success
            ? new string([(char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16)])
            : m.Value) : json;

    [GeneratedRegex(@"\\\\|\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SurrogatePair();

    /// <summary>
    /// A value as JSON. A value that System.Text.Json cannot write (cycles, pointers, a getter that throws) becomes its
    /// text, as a JSON string: a log never fails because of one value.
    /// </summary>
    public static JsonElement ToElement(object? value, Type type)
    {
        try
        {
            return JsonSerializer.SerializeToElement(value, value is null || type.IsInstanceOfType(value) ? type : value.GetType(), Options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return JsonSerializer.SerializeToElement(ValueText.Format(value, int.MaxValue), Options);
        }
    }
}
