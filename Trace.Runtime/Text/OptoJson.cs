using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opto;

/// <summary>
/// The one JSON configuration for what the library writes: saved parameters and logs (indented) and values shown to a
/// model (compact). Enums are written by name, as the prompts show them, and read by name or number (files saved as
/// numbers still load); text is written as it is, escaping only what JSON requires.
/// </summary>
internal static class OptoJson
{
    /// <summary>For files: saved parameters, step logs.</summary>
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    /// <summary>For values inside prompts and messages.</summary>
    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
