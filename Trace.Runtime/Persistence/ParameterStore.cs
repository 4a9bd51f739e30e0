using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opto;

/// <summary>
/// Saves and loads the values of trainable parameters as JSON, bound to each parameter's name and type.
/// Loading is all or nothing: a file that does not match leaves every parameter as it was. The names are the parameters'
/// names when they are passed in: for <c>agent.TrainableParameters()</c>, their paths from the agent
/// (<c>Agent.Tools[2].Description</c>), so a file loads into any object graph of the same shape.
/// </summary>
public static class ParameterStore
{
    private const string Format = "opto-parameters";
    private const int Version = 1;
    private static readonly JsonSerializerOptions s_json = ParameterJson.Options;

    /// <summary>
    /// The JSON options of everything the library saves (parameter files, the values in a saved step log): enums by name,
    /// text as written. Read saved values with them: <c>record.NewValue.Deserialize&lt;Tone&gt;(ParameterStore.JsonOptions)</c>.
    /// </summary>
    public static JsonSerializerOptions JsonOptions => s_json;

    /// <summary>Writes the parameters' current values to <paramref name="path"/>, replacing the file atomically.</summary>
    /// <exception cref="ArgumentException">Two parameters have the same name.</exception>
    public static void Save(IEnumerable<ParameterNode> parameters, string path)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var json = ToJson(parameters);

        // Write beside the target and rename over it, so a crash mid-write never destroys the previous checkpoint.
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The parameters' current values in the format of <see cref="Save"/>, as text.</summary>
    /// <exception cref="ArgumentException">Two parameters have the same name.</exception>
    public static string ToJson(IEnumerable<ParameterNode> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = UniqueByName(parameters);

        var entries = new JsonObject();
        foreach (var parameter in list)
        {
            entries[parameter.Name] = new JsonObject
            {
                ["type"] = TypeNames.Display(parameter.ValueType, qualified: true),
                ["value"] = JsonSerializer.SerializeToNode(parameter.Value, parameter.ValueType, s_json),
            };
        }

        var document = new JsonObject { ["format"] = Format, ["version"] = Version, ["parameters"] = entries };
        return ParameterJson.Unescape(document.ToJsonString(s_json));
    }

    /// <summary>
    /// Reads values saved by <see cref="Save"/> and applies them to the parameters. Every parameter must be in the
    /// file with the same type, and every entry of the file must name a parameter; otherwise nothing changes.
    /// </summary>
    /// <exception cref="ParameterLoadException">The file does not match the parameters; the message lists every mismatch.</exception>
    public static void Load(IEnumerable<ParameterNode> parameters, string path)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Apply(ReadValues(parameters, ReadText(path), $"'{path}'"));
    }

    /// <summary>Like <see cref="Load"/>, from text in the format of <see cref="Save"/>.</summary>
    /// <param name="parameters">The parameters to set.</param>
    /// <param name="json">The saved values.</param>
    /// <param name="source">Where the text comes from, for error messages (a file, a run store's step).</param>
    /// <exception cref="ParameterLoadException">The text does not match the parameters; the message lists every mismatch.</exception>
    public static void LoadJson(IEnumerable<ParameterNode> parameters, string json, string source = "the saved parameters")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(json);
        Apply(ReadValues(parameters, json, source));
    }

    // The saved values in the parameters' order, each prepared (code compiled), or every mismatch in one exception.
    // With skipUnchanged, a value equal to the parameter's is left out (not prepared: code already installed is not compiled again).
    // With missingAllowed, a parameter the text does not name keeps its value (an entry naming no parameter is still refused).
    internal static List<(ParameterNode Parameter, object? Value)> ReadValues(
        IEnumerable<ParameterNode> parameters, string json, string source, bool skipUnchanged = false, bool missingAllowed = false)
    {
        var list = UniqueByName(parameters);
        var entries = ReadEntries(json, source);

        var problems = new List<string>();
        var values = new List<(ParameterNode Parameter, object? Value)>();
        foreach (var parameter in list)
        {
            if (!entries.Remove(parameter.Name, out var entry))
            {
                if (!missingAllowed) problems.Add($"'{parameter.Name}' is not in the file.");
                continue;
            }

            var expectedType = TypeNames.Display(parameter.ValueType, qualified: true);
            var savedType = entry?["type"]?.GetValue<string>();
            if (savedType != expectedType)
            {
                problems.Add($"'{parameter.Name}' was saved as {savedType ?? "an unknown type"} but is now {expectedType}.");
                continue;
            }

            try
            {
                var value = entry!["value"].Deserialize(parameter.ValueType, s_json);
                if (skipUnchanged && Optimizers.ValueComparer.Same(value, parameter.Value, parameter.ValueType)) continue;
                // Code is compiled here, once, before anything is written; the compiled patch is what gets installed.
                if (parameter.Prepare(value) is { } problem) problems.Add($"'{parameter.Name}': {problem}");
                else values.Add((parameter, value));
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                problems.Add($"'{parameter.Name}': the saved value is not a valid {expectedType} ({e.Message}).");
            }
        }

        problems.AddRange(entries.Keys.Select(name => $"'{name}' is in the file but is not one of the parameters being loaded."));
        if (problems.Count > 0)
        {
            throw new ParameterLoadException(
                $"Cannot load {source}: it does not match these parameters, so nothing was changed.\n- " + string.Join("\n- ", problems) +
                "\nLoad the file into the objects it was saved from, or save the current parameters again.");
        }

        return values;
    }

    // All or nothing: a parameter that refuses its value puts back the ones set before it.
    internal static void Apply(List<(ParameterNode Parameter, object? Value)> values)
    {
        var previous = values.Select(v => v.Parameter.Value).ToList();
        var applied = 0;
        try
        {
            for (; applied < values.Count; applied++) values[applied].Parameter.SetValue(values[applied].Value);
        }
        catch
        {
            for (var i = 0; i < applied; i++) values[i].Parameter.SetValue(previous[i]);
            throw;
        }
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ParameterLoadException($"Cannot load '{path}': {e.Message} Nothing was changed.", e);
        }
    }

    private static Dictionary<string, JsonNode?> ReadEntries(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ParameterLoadException($"Cannot load {source}: it is not valid JSON ({e.Message}). Nothing was changed.", e);
        }

        if (root?["format"]?.GetValue<string>() != Format || root["parameters"] is not JsonObject parameters)
        {
            throw new ParameterLoadException($"Cannot load {source}: it is not a parameter file saved by ParameterStore.Save. Nothing was changed.");
        }

        var version = root["version"]?.GetValue<int>();
        if (version != Version)
        {
            throw new ParameterLoadException($"Cannot load {source}: it has format version {version}, this library reads version {Version}. Nothing was changed.");
        }

        return parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    private static List<ParameterNode> UniqueByName(IEnumerable<ParameterNode> parameters)
    {
        var list = parameters.ToList();
        var duplicate = list.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException(
                $"Two parameters are named '{duplicate.Key}' (two objects of the same type, each listed by its own TrainableParameters()?). " +
                "Save the object that holds them (its TrainableParameters() names each by its path), name each root (a.TrainableParameters(\"a\")), " +
                "or save each object in its own file.",
                nameof(parameters));
        }

        return list;
    }
}
