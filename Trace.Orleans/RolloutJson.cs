using System.Text.Json;
using Opto.Training.Remote;

namespace Opto.Orleans;

// Requests and replies as JSON text between the trainer and the silos, in the library's JSON options (a reply's
// numbers are finite: the host refuses a score that is not).
internal static class RolloutJson
{
    private static readonly JsonSerializerOptions s_options = ParameterStore.JsonOptions;

    public static string Write(RolloutRequest request) => JsonSerializer.Serialize(request, s_options);

    public static string Write(RolloutReply reply) => JsonSerializer.Serialize(reply, s_options);

    public static RolloutRequest ReadRequest(string json) =>
        JsonSerializer.Deserialize<RolloutRequest>(json, s_options) ?? throw new JsonException("The rollout request is empty.");

    public static RolloutReply ReadReply(string json) =>
        JsonSerializer.Deserialize<RolloutReply>(json, s_options) ?? throw new JsonException("The rollout reply is empty.");
}
