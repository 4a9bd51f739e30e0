using System.Text.Json;

namespace Opto.Training;

public static partial class Dataset
{
    /// <summary>
    /// Reads a JSON Lines file: each non-blank line is a JSON object, one example, whose <paramref name="inputProperty"/>
    /// and <paramref name="expectedProperty"/> are deserialized to <typeparamref name="TInput"/> and <typeparamref name="TExpected"/>.
    /// </summary>
    /// <typeparam name="TInput">What the agent is given.</typeparam>
    /// <typeparam name="TExpected">What a correct answer is.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="inputProperty">The property holding the input, e.g. "question".</param>
    /// <param name="expectedProperty">The property holding the expected output, e.g. "answer".</param>
    /// <param name="idProperty">The property holding each example's id (a string or a number); when null, examples are named by position.</param>
    /// <param name="options">How values are deserialized; by default <see cref="JsonSerializerOptions.Web"/>.</param>
    /// <returns>The dataset, in the file's order.</returns>
    /// <exception cref="DatasetFormatException">A line is not a JSON object, lacks a property, or has a value that does not deserialize.</exception>
    public static Dataset<TInput, TExpected> FromJsonLines<TInput, TExpected>(
        string path,
        string inputProperty,
        string expectedProperty,
        string? idProperty = null,
        JsonSerializerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(inputProperty);
        ArgumentException.ThrowIfNullOrEmpty(expectedProperty);
        options ??= JsonSerializerOptions.Web;

        var examples = new List<Example<TInput, TExpected>>();
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var jsonLine = new JsonLine(path, lineNumber, ParseObject(line, path, lineNumber));
            using (jsonLine.Document)
            {
                examples.Add(new Example<TInput, TExpected>(
                    jsonLine.Value<TInput>(inputProperty, options),
                    jsonLine.Value<TExpected>(expectedProperty, options),
                    idProperty is null ? null : jsonLine.Id(idProperty)));
            }
        }
        return new Dataset<TInput, TExpected>(examples);
    }

    private static JsonDocument ParseObject(string line, string path, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException error)
        {
            throw new DatasetFormatException(path, lineNumber, $"The line is not valid JSON: {error.Message}", error);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw new DatasetFormatException(path, lineNumber, $"Each line must be a JSON object, but this one is {kind}.");
        }
        return document;
    }

    private readonly record struct JsonLine(string Path, int LineNumber, JsonDocument Document)
    {
        public T Value<T>(string property, JsonSerializerOptions options)
        {
            var element = Property(property);
            try
            {
                // A JSON null becomes null even for a non-nullable T: the file, not the type, decides.
                return element.Deserialize<T>(options)!;
            }
            catch (Exception error) when (error is JsonException or NotSupportedException or InvalidOperationException)
            {
                throw new DatasetFormatException(Path, LineNumber,
                    $"The value of \"{property}\" ({Shorten(element.GetRawText())}) cannot be read as {typeof(T).Name}: {error.Message}", error);
            }
        }

        public string Id(string property)
        {
            var element = Property(property);
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString()!,
                JsonValueKind.Number => element.GetRawText(),
                _ => throw new DatasetFormatException(Path, LineNumber,
                    $"The id \"{property}\" must be a string or a number, but it is {element.ValueKind}."),
            };
        }

        private JsonElement Property(string property) =>
            Document.RootElement.TryGetProperty(property, out var element)
                ? element
                : throw new DatasetFormatException(Path, LineNumber,
                    $"The object has no property \"{property}\"; it has: {string.Join(", ", Document.RootElement.EnumerateObject().Select(p => $"\"{p.Name}\""))}.");

        private static string Shorten(string json) => json.Length <= 60 ? json : json[..57] + "...";
    }
}
