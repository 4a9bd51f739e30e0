using System.Text.Json;

namespace Opto.Optimizers;

/// <summary>Values as the model reads and writes them: compact JSON, without needless escaping of non-ASCII text.</summary>
internal static class ValueJson
{
    private static readonly JsonSerializerOptions s_options = OptoJson.Compact;

    public static string Format(object? value, Type type)
    {
        switch (value)
        {
            case null:
                return "null";
            case Transport.TransportedValue shown:
                return shown.Json;
            case Transport.TransportedException thrown:
                return thrown.Shown.Json;
            case Exception e:
                var where = ExceptionLocations.Describe(e);
                return JsonSerializer.Serialize($"{e.GetType().Name}: {e.Message}" + (where is null ? "" : $" ({where})"), s_options);
            case Delegate or Stream:
                return JsonSerializer.Serialize(ValueText.Format(value, int.MaxValue), s_options);
        }

        try
        {
            return JsonSerializer.Serialize(value, type.IsInstanceOfType(value) ? type : value.GetType(), s_options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not serializable (cycles, pointers, types without a contract, a getter that throws): show its text instead.
            return JsonSerializer.Serialize(ValueText.Format(value, int.MaxValue), s_options);
        }
    }

    /// <summary>Cuts <paramref name="json"/> to <paramref name="maxLength"/> characters with a marker saying what is missing.</summary>
    public static string Truncate(string json, int maxLength)
    {
        if (json.Length <= maxLength) return json;
        var cut = ValueText.CutAt(json, maxLength);
        return json[..cut] + string.Create(System.Globalization.CultureInfo.InvariantCulture, $" …[truncated: {json.Length - cut:N0} of {json.Length:N0} characters not shown]");
    }
}
