using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opto.Training.Remote;

// Examples as they travel: {"input": ..., "expected": ..., "id": ...} in the library's JSON options.
internal static class RemoteJson
{
    public static string Example<TInput, TExpected>(Example<TInput, TExpected> example) => new JsonObject
    {
        ["input"] = JsonSerializer.SerializeToNode(example.Input, ParameterStore.JsonOptions),
        ["expected"] = JsonSerializer.SerializeToNode(example.Expected, ParameterStore.JsonOptions),
        ["id"] = example.Id,
    }.ToJsonString(ParameterStore.JsonOptions);

    public static Example<TInput, TExpected> Example<TInput, TExpected>(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("it is not a JSON object.");
        if (!node.ContainsKey("input") || !node.ContainsKey("expected")) throw new FormatException("it lacks its \"input\" or its \"expected\".");
        return new Example<TInput, TExpected>(
            node["input"].Deserialize<TInput>(ParameterStore.JsonOptions)!,
            node["expected"].Deserialize<TExpected>(ParameterStore.JsonOptions)!,
            node["id"]?.GetValue<string>());
    }
}
