using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opto.Runs;

// The JSON of the columns: the library's value options, and scores that may be infinite (a search candidate that
// could not be applied scores negative infinity).
internal static class RunJson
{
    public static readonly JsonSerializerOptions Options = new(ParameterStore.JsonOptions)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new RunStoreException($"The run store's {what} is empty: a record in it is damaged.");
        }
        catch (JsonException e)
        {
            throw new RunStoreException($"The run store's {what} cannot be read: a record in it is damaged ({e.Message}). Restore the file from a copy, or start a new run in another directory.", e);
        }
    }
}
