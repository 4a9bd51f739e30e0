using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Microsoft.Extensions.AI;
using Opto.Optimizers.Answers;

namespace Opto.Optimizers;

/// <summary>
/// The OptoPrime optimizer of Trace: it shows the model the traced code, the documentation of its methods, the
/// variables it may change, the other values and the feedback, and applies the new values the model suggests —
/// after checking every one of them against its parameter's name and type.
/// </summary>
public sealed class OptoPrime : Optimizer
{
    private readonly IChatClient _chat;
    private readonly Queue<(string Variables, string Feedback)> _memory = new();
    private readonly Lock _memoryLock = new();
    private bool _structuredOutputRefused;

    // The schema must describe exactly what the converter accepts: enums by name, no nulls where the type has none.
    private static readonly JsonSerializerOptions s_schemaOptions = new(JsonSerializerOptions.Default)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) },
        RespectNullableAnnotations = true,
    };

    private static readonly JsonSchemaExporterOptions s_exporterOptions = new() { TreatNullObliviousAsNonNullable = true };

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters it may change.</param>
    /// <param name="chat">The model that proposes new values.</param>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public OptoPrime(IEnumerable<ParameterNode> parameters, IChatClient chat, OptoPrimeOptions? options = null) : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(chat);
        _chat = chat;
        Options = options ?? new OptoPrimeOptions();
    }

    /// <summary>The settings.</summary>
    public OptoPrimeOptions Options { get; }

    /// <summary>The problem the next step will show the model, built from the feedback the parameters hold now.</summary>
    public ProblemInstance BuildProblem() => ProblemBuilder.Build(Parameters, NameOf, Options.Objective, Options.MaxValueLength);

    /// <summary>The system and user prompts the next step will send.</summary>
    public (string System, string User) BuildPrompt() => (SystemPrompt(), UserPrompt(BuildProblem()));

    /// <inheritdoc />
    protected override async Task<Proposal> ProposeCoreAsync(CancellationToken cancellationToken)
    {
        var (system, user) = BuildPrompt();
        List<ChatMessage> messages = [new(ChatRole.System, system), new(ChatRole.User, user)];

        var (response, attempts) = await RequestAsync(messages, cancellationToken).ConfigureAwait(false);
        Proposal proposal;
        if (response is null)
        {
            // The answer arrived but is not valid text: the client could not even read it. The model is told.
            proposal = new Proposal(system, user, "", null, null, [],
                [new Rejection(null, null, $"The answer is not valid text: it escapes {JsonText.HalfPair}, so none of it could be read and nothing was applied; {JsonText.WholeCharacters}.")],
                false, attempts, default);
        }
        else
        {
            var usage = new TokenUsage(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
            proposal = Read(system, user, response.Text ?? "", response.FinishReason == ChatFinishReason.Length, attempts, usage);
        }

        proposal.Memory = Options.MemorySize > 0 ? (ProblemBuilder.Variables(Parameters, NameOf), ProblemBuilder.Feedback(Parameters)) : null;
        return proposal;
    }

    /// <inheritdoc />
    protected override void OnStepRecorded(StepLog step)
    {
        // The memory shows the model the variables as they were when feedback was given, and that feedback.
        if (step.Proposal.Memory is not { } entry || entry.Feedback.Length == 0) return;
        lock (_memoryLock)
        {
            _memory.Enqueue(entry);
            while (_memory.Count > Options.MemorySize) _memory.Dequeue();
        }
    }

    private Proposal Read(string system, string user, string raw, bool cutOff, IReadOnlyList<RequestAttempt> attempts, TokenUsage usage)
    {
        var parsed = AnswerParser.Parse(raw, [.. ParametersByName.Keys]);
        var changes = new List<ParameterChange>();
        var rejections = new List<Rejection>();
        if (cutOff)
        {
            rejections.Add(new Rejection(null, null,
                $"The answer was cut off at the output limit ({Options.MaxOutputTokens} tokens), so none of it is trusted. Answer more briefly."));
        }

        if (parsed.Error is { } error) rejections.Add(new Rejection(null, ValueText.Truncate(JsonText.Visible(raw), 300), error));

        var named = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = parsed.Suggestions.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var suggestion in parsed.Suggestions)
        {
            var shown = SuggestionConverter.Shorten(suggestion.Value);
            if (duplicates.Contains(suggestion.Name))
            {
                if (named.Add(suggestion.Name)) rejections.Add(new Rejection(suggestion.Name, null, "suggested more than once in one answer; suggest each variable once."));
                continue;
            }

            if (suggestion.NameProblem is { } nameProblem)
            {
                rejections.Add(new Rejection(Shorten(suggestion.Name), shown,
                    $"the name is not valid text: {nameProblem}. Suggest only the variables listed in #Variables, by their exact names."));
                continue;
            }

            if (!ParametersByName.TryGetValue(suggestion.Name, out var parameter))
            {
                rejections.Add(new Rejection(Shorten(suggestion.Name), shown, UnknownNameReason(suggestion.Name)));
                continue;
            }

            if (suggestion.Value.GetRawText().Length > Options.MaxSuggestionLength)
            {
                rejections.Add(new Rejection(NameOf(parameter), ValueText.Truncate(suggestion.Value.GetRawText(), 80),
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the value is {suggestion.Value.GetRawText().Length:N0} characters of JSON; at most {Options.MaxSuggestionLength:N0} are accepted.")));
                continue;
            }

            if (!SuggestionConverter.TryConvert(suggestion.Value, parameter.ValueType, out var value, out var problem))
            {
                rejections.Add(new Rejection(NameOf(parameter), shown, problem!));
                continue;
            }

            if (ValueComparer.Same(value, parameter.Value, parameter.ValueType)) continue;
            if (parameter.Check(value) is { } checkProblem)
            {
                rejections.Add(new Rejection(NameOf(parameter), null, checkProblem));
                continue;
            }

            changes.Add(new ParameterChange(parameter, parameter.Value, value) { Name = NameOf(parameter) });
        }

        var noChange = parsed.Error is null && rejections.Count == 0 && changes.Count == 0;
        return new Proposal(system, user, raw, parsed.Reasoning, parsed.Answer, changes, rejections, noChange, attempts, usage);
    }

    private string UnknownNameReason(string name)
    {
        var near = ParametersByName.Keys.FirstOrDefault(k => k.EndsWith("." + name, StringComparison.Ordinal) || string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return "is not a variable in #Variables" + (near is null ? "" : $"; did you mean '{near}'?") +
               " Suggest only the variables listed in #Variables, by their exact names.";
    }

    private static string Shorten(string name) => ValueText.Truncate(name.ReplaceLineEndings(" "), 80);

    private async Task<(ChatResponse?, IReadOnlyList<RequestAttempt>)> RequestAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var structured = Options.StructuredOutput == StructuredOutputMode.Always
                         || (Options.StructuredOutput == StructuredOutputMode.Auto && !Volatile.Read(ref _structuredOutputRefused));
        try
        {
            return await ChatRequester.SendAsync(_chat, messages, ChatOptions(structured), Options.Retry, cancellationToken).ConfigureAwait(false);
        }
        catch (OptimizerRequestException refused) when (structured && Options.StructuredOutput == StructuredOutputMode.Auto && RefusesSchema(refused))
        {
            // The server does not take a JSON schema (many OpenAI-compatible servers): ask in text from now on.
            Volatile.Write(ref _structuredOutputRefused, true);
            var (response, attempts) = await ChatRequester.SendAsync(_chat, messages, ChatOptions(structured: false), Options.Retry, cancellationToken).ConfigureAwait(false);
            var note = new RequestAttempt(0, $"structured output refused ({refused.Attempts[^1].Failure}); asked again without a schema", TimeSpan.Zero);
            return (response, [.. refused.Attempts, note, .. attempts]);
        }
    }

    // Only a complaint about the response format turns structured output off (not, say, a context-length error).
    private static bool RefusesSchema(OptimizerRequestException refused) =>
        refused.Status is 400 or 422
        && $"{refused.RawResponse} {refused.Message}" is var text
        && (text.Contains("response_format", StringComparison.OrdinalIgnoreCase) || text.Contains("json_schema", StringComparison.OrdinalIgnoreCase)
            || text.Contains("structured", StringComparison.OrdinalIgnoreCase));

    private ChatOptions ChatOptions(bool structured)
    {
        var options = new ChatOptions { MaxOutputTokens = Options.MaxOutputTokens, Temperature = Options.Temperature };
        if (structured)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(AnswerSchema(), "optimizer_answer",
                "Reasoning about the feedback, an answer if the instruction asks a question, and new values for the variables.");
        }

        return options;
    }

    private JsonElement AnswerSchema()
    {
        var properties = new JsonObject();
        foreach (var parameter in Parameters)
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

            properties[NameOf(parameter)] = schema;
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

    private static string SystemPrompt() => OptoPrimePrompts.Representation + "\n\n" + OptoPrimePrompts.OutputFormat;

    private string UserPrompt(ProblemInstance problem)
    {
        var builder = new StringBuilder();
        if (Options.IncludeExample)
        {
            var example = Options.Example ?? OptoPrimePrompts.BuiltInExample;
            builder.Append(OptoPrimePrompts.ExampleIntroduction).Append("\n\n").Append(OptoPrimePrompts.Separator).Append('\n')
                .Append(example.Problem.TrimEnd()).Append('\n').Append(OptoPrimePrompts.Separator).Append("\n\n")
                .Append(OptoPrimePrompts.FinalPrompt).Append('\n').Append(example.Response.TrimEnd()).Append("\n\n");
        }

        (string Variables, string Feedback)[] memory;
        lock (_memoryLock) memory = [.. _memory];
        if (memory.Length > 0)
        {
            builder.Append(OptoPrimePrompts.MemoryIntroduction).Append("\n\n");
            for (var i = 0; i < memory.Length; i++)
            {
                builder.Append("[past ").Append(i + 1).Append("]\n#Variables\n").Append(memory[i].Variables).Append("\n#Feedback\n").Append(memory[i].Feedback.TrimEnd()).Append("\n\n");
            }
        }

        builder.Append(OptoPrimePrompts.ProblemIntroduction).Append("\n\n").Append(OptoPrimePrompts.Separator).Append('\n')
            .Append(problem.Render(Options.HiddenSections)).Append(OptoPrimePrompts.Separator).Append("\n\n");

        var rejections = PendingRejections;
        if (rejections.Count > 0)
        {
            builder.Append(OptoPrimePrompts.RejectionsIntroduction).Append('\n');
            foreach (var rejection in rejections) builder.Append("- ").Append(rejection).Append('\n');
            builder.Append('\n');
        }

        return builder.Append(OptoPrimePrompts.FinalPrompt).Append('\n').ToString();
    }
}
