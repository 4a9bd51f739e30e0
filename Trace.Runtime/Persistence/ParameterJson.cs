using System.Text.Json;

namespace Opto.Persistence;

/// <summary>
/// Parameter values as JSON, with System.Text.Json's default contract: the JSON <see cref="ParameterStore"/> saves and
/// loads, and the JSON of values in a saved optimizer log.
/// </summary>
internal static class ParameterJson
{
    /// <summary>The options <see cref="ParameterStore"/> writes and reads values with.</summary>
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

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
