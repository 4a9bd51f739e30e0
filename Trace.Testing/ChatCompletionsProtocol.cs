using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opto.Testing;

/// <summary>One message of a chat-completions request.</summary>
/// <param name="Role">system, user, assistant or tool.</param>
/// <param name="Text">The message's text (text parts joined).</param>
public sealed record OfflineMessage(string Role, string Text);

/// <summary>
/// The parts of the OpenAI chat-completions protocol the loopback server speaks: reading a request's messages and
/// writing a completion (with usage) or an error.
/// </summary>
internal static class ChatCompletionsProtocol
{
    public static IReadOnlyList<OfflineMessage> ReadMessages(string requestBody)
    {
        var messages = new List<OfflineMessage>();
        if (JsonNode.Parse(requestBody)?["messages"] is not JsonArray array) return messages;
        foreach (var message in array)
        {
            var role = message?["role"]?.GetValue<string>() ?? "user";
            var content = message?["content"];
            var text = content switch
            {
                JsonValue value when value.TryGetValue<string>(out var s) => s,
                JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
                _ => "",
            };
            messages.Add(new OfflineMessage(role, text));
        }

        return messages;
    }

    public static string Completion(string content, string model, int promptTokens, int completionTokens) =>
        new JsonObject
        {
            ["id"] = "chatcmpl-offline-" + Guid.NewGuid().ToString("N")[..12],
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        }.ToJsonString();

    public static string Error(string message, string type) =>
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type } }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
