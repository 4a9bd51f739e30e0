using Microsoft.Extensions.AI;
using Opto.Optimizers.Answers;

namespace Opto.Optimizers;

/// <summary>
/// Reads the model's answer into a <see cref="Proposal"/>: parses its JSON, and checks each suggestion (known name,
/// size, conversion to the parameter's type, the parameter's own check) into a change or a rejection. A step is applied
/// whole or not at all, so a single rejection keeps every change from being applied.
/// </summary>
internal sealed class AnswerReader(OptimizerOptions options, IReadOnlyDictionary<string, ParameterNode> parametersByName, Func<ParameterNode, string> nameOf)
{
    /// <summary>
    /// The proposal for the model's response; a <see langword="null"/> response (it arrived but could not be read as
    /// text) becomes a proposal rejected as a whole.
    /// </summary>
    public Proposal Read(string system, string user, ChatResponse? response, IReadOnlyList<RequestAttempt> attempts)
    {
        if (response is null)
        {
            // The client could not even read the answer. The model is told.
            return new Proposal(system, user, "", null, null, [],
                [new Rejection(null, null, $"The answer is not valid text: it escapes {JsonText.HalfPair}, so none of it could be read and nothing was applied; {JsonText.WholeCharacters}.")],
                false, attempts, new UsageDetails());
        }

        var usage = response.Usage ?? new UsageDetails();
        var proposal = Read(system, user, response.Text ?? "", response.FinishReason == ChatFinishReason.Length, attempts, usage);
        proposal.ModelId = response.ModelId;
        return proposal;
    }

    private Proposal Read(string system, string user, string raw, bool cutOff, IReadOnlyList<RequestAttempt> attempts, UsageDetails usage)
    {
        var parsed = AnswerParser.Parse(raw, [.. parametersByName.Keys]);
        var changes = new List<ParameterChange>();
        var rejections = new List<Rejection>();
        if (cutOff)
        {
            rejections.Add(new Rejection(null, null,
                $"The answer was cut off at the output limit ({options.MaxOutputTokens} tokens), so none of it is trusted. Answer more briefly."));
        }

        if (parsed.Error is { } error) rejections.Add(new Rejection(null, ValueText.Truncate(JsonText.Visible(raw), 300), error));

        var named = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = parsed.Suggestions.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var suggestion in parsed.Suggestions)
        {
            var shown = SuggestionConverter.Shorten(suggestion.Value);
            if (duplicates.Contains(suggestion.Name))
            {
                if (named.Add(suggestion.Name)) rejections.Add(new Rejection(Shorten(suggestion.Name), null, "suggested more than once in one answer; suggest each variable once."));
                continue;
            }

            if (suggestion.NameProblem is { } nameProblem)
            {
                rejections.Add(new Rejection(Shorten(suggestion.Name), shown,
                    $"the name is not valid text: {nameProblem}. Suggest only the variables listed in #Variables, by their exact names."));
                continue;
            }

            if (!parametersByName.TryGetValue(suggestion.Name, out var parameter))
            {
                rejections.Add(new Rejection(Shorten(suggestion.Name), shown, UnknownNameReason(suggestion.Name)));
                continue;
            }

            if (suggestion.Value.GetRawText().Length > options.MaxSuggestionLength)
            {
                rejections.Add(new Rejection(nameOf(parameter), ValueText.Truncate(suggestion.Value.GetRawText(), 80),
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the value is {suggestion.Value.GetRawText().Length:N0} characters of JSON; at most {options.MaxSuggestionLength:N0} are accepted.")));
                continue;
            }

            if (!SuggestionConverter.TryConvert(suggestion.Value, parameter.ValueType, out var value, out var problem))
            {
                rejections.Add(new Rejection(nameOf(parameter), shown, problem!));
                continue;
            }

            if (ValueComparer.Same(value, parameter.Value, parameter.ValueType)) continue;
            if (parameter.Prepare(value) is { } checkProblem)
            {
                rejections.Add(new Rejection(nameOf(parameter), null, checkProblem));
                continue;
            }

            changes.Add(new ParameterChange(parameter, parameter.Value, value) { Name = nameOf(parameter) });
        }

        var noChange = parsed.Error is null && rejections.Count == 0 && changes.Count == 0;
        return new Proposal(system, user, raw, parsed.Reasoning, parsed.Answer, changes, rejections, noChange, attempts, usage);
    }

    private string UnknownNameReason(string name)
    {
        var near = parametersByName.Keys.FirstOrDefault(k => k.EndsWith("." + name, StringComparison.Ordinal) || string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return "is not a variable in #Variables" + (near is null ? "" : $"; did you mean '{near}'?") +
               " Suggest only the variables listed in #Variables, by their exact names.";
    }

    private static string Shorten(string name) => ValueText.Truncate(name.ReplaceLineEndings(" "), 80);
}
