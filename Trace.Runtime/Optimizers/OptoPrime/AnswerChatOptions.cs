using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>
/// The <see cref="ChatOptions"/> of a step: the output limit and temperature and, with structured output, the JSON
/// schema of the answer (reasoning, answer, and a suggestion per variable in its type).
/// </summary>
internal sealed class AnswerChatOptions(OptimizerOptions options, IReadOnlyList<ParameterNode> parameters, Func<ParameterNode, string> nameOf)
{
    // The schema must describe exactly what the converter accepts: enums by name, no nulls where the type has none.
    private static readonly JsonSerializerOptions s_schemaOptions = new(JsonSerializerOptions.Default)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) },
        RespectNullableAnnotations = true,
    };

    private static readonly JsonSchemaExporterOptions s_exporterOptions = new() { TreatNullObliviousAsNonNullable = true };

    public ChatOptions Create(bool structured, float? temperature)
    {
        var chatOptions = new ChatOptions { MaxOutputTokens = options.MaxOutputTokens, Temperature = temperature };
        if (structured)
        {
            chatOptions.ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema(), "optimizer_answer",
                "Reasoning about the feedback, an answer if the instruction asks a question, and new values for the variables.");
        }

        return chatOptions;
    }

    private string? _schemaText;

    /// <summary>The answer's JSON schema as sent, for counting its tokens.</summary>
    public string SchemaText => _schemaText ??= Schema().GetRawText();

    private JsonElement Schema()
    {
        var properties = new JsonObject();
        foreach (var parameter in parameters)
        {
            JsonNode schema;
            try
            {
                schema = s_schemaOptions.GetJsonSchemaAsNode(parameter.ValueType, s_exporterOptions);
            }
            catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
            {
                schema = new JsonObject();
            }

            properties[nameOf(parameter)] = schema;
        }

        var root = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["reasoning"] = new JsonObject { ["type"] = "string" },
                ["answer"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
                ["suggestion"] = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false },
            },
            ["required"] = new JsonArray("reasoning", "answer", "suggestion"),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(root);
    }
}
