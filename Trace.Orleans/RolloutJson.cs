using System.Text.Json;
using System.Text.Json.Serialization;
using Opto.Training.Remote;

namespace Opto.Orleans;

// Requests and replies as JSON text between the trainer and the silos.
internal static class RolloutJson
{
    private static readonly JsonSerializerOptions s_options = new(ParameterStore.JsonOptions)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(RolloutRequest request) => JsonSerializer.Serialize(request, s_options);

    public static string Write(RolloutReply reply) => JsonSerializer.Serialize(reply, s_options);

    public static RolloutRequest ReadRequest(string json) =>
        JsonSerializer.Deserialize<RolloutRequest>(json, s_options) ?? throw new JsonException("The rollout request is empty.");

    public static RolloutReply ReadReply(string json) =>
        JsonSerializer.Deserialize<RolloutReply>(json, s_options) ?? throw new JsonException("The rollout reply is empty.");
}
