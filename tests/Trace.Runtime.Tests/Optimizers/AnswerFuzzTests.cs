using System.Collections;
using System.Text.Json;
using Opto;
using Opto.Optimizers;
using Opto.Optimizers.Answers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>
/// Seeded fuzzing of the answer reader and the value converter, then of whole steps: mutated answers never throw,
/// and never convert to or apply a partial or ill-typed value. Deterministic (fixed seeds), no timing.
/// </summary>
public class AnswerFuzzTests
{
    private const int Seed = 20261107;
    private const int Mutations = 12_000;
    private const int StepRounds = 60;

    private static readonly AnswerFuzzer.Variable[] s_variables =
    [
        new("ShopAgent.SystemPrompt", typeof(string)), new("ShopAgent.MaxWords", typeof(int)), new("ShopAgent.Tone", typeof(Tone)),
        new("ShopAgent.Products", typeof(List<string>)), new("ShopAgent.Pricing", typeof(Pricing)), new("ShopAgent.UpSell", typeof(bool)),
        new("ShopAgent.Temperature", typeof(double)), new("Bot.Initial", typeof(char)), new("Bot.Budget", typeof(long?)),
        new("Bot.Price", typeof(decimal)), new("Bot.Mood", typeof(Mood)), new("Bot.Scores", typeof(int[])),
        new("Bot.Weights", typeof(Dictionary<string, int>)), new("Bot.Persona", typeof(Persona)), new("Bot.Checked", typeof(Checked)),
    ];

    private static readonly AnswerFuzzer.Variable[] s_shopVariables = [.. s_variables.Where(v => v.Name.StartsWith("ShopAgent.", StringComparison.Ordinal))];

    [Test]
    public void Mutated_answers_never_throw_and_never_convert_to_a_partial_or_ill_typed_value()
    {
        var fuzzer = new AnswerFuzzer(Seed);
        var names = s_variables.Select(v => v.Name).ToList();
        var types = s_variables.ToDictionary(v => v.Name, v => v.Type, StringComparer.Ordinal);
        var counts = new Dictionary<string, int>();

        for (var i = 0; i < Mutations; i++)
        {
            var valid = fuzzer.Valid(s_variables);
            var exact = i % 10 == 0; // every tenth answer is left whole: it must be read exactly
            var text = exact ? valid.Text : fuzzer.Mutate(valid.Text, s_variables);
            try
            {
                var parsed = AnswerParser.Parse(text, names);
                Count(counts, parsed.Error is null ? parsed.NoChange ? "no change" : "read" : "unreadable");
                AssertValidText(parsed.Error, parsed.Reasoning, parsed.Answer);
                if (exact) Assert.That(parsed.Error, Is.Null, "a valid answer must be read");

                foreach (var suggestion in parsed.Suggestions)
                {
                    AssertValidText(suggestion.Name, suggestion.NameProblem);
                    if (suggestion.NameProblem is not null)
                    {
                        Count(counts, "name not valid text");
                        continue;
                    }

                    // A known name converts to its type; any other name to some type, for more conversions.
                    var type = types.TryGetValue(suggestion.Name, out var known) ? known : s_variables[fuzzer.Next(s_variables.Length)].Type;
                    var converted = SuggestionConverter.TryConvert(suggestion.Value, type, out var value, out var problem);
                    if (converted)
                    {
                        Count(counts, "converted");
                        Assert.That(problem, Is.Null);
                        AssertWellTyped(value, type);
                    }
                    else
                    {
                        Count(counts, problem!.Contains("is not valid text", StringComparison.Ordinal) ? "value not valid text" : "value rejected");
                        Assert.That(value, Is.Null, "a refused value is never half returned");
                        Assert.That(problem, Is.Not.Empty);
                        AssertValidText(problem);
                    }

                    if (exact)
                    {
                        Assert.That(converted, Is.True, problem);
                        Assert.That(JsonSerializer.Serialize(value, type), Is.EqualTo(JsonSerializer.Serialize(valid.Expected[suggestion.Name], type)));
                    }
                }

                if (exact) Assert.That(parsed.Suggestions.Select(s => s.Name), Is.EquivalentTo(valid.Expected.Keys));
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {i} (seed {Seed}) failed: {e.GetType().Name}: {e.Message}\nAnswer: {JsonText.Visible(ValueText.Truncate(text, 600))}");
            }
        }

        TestContext.Out.WriteLine(string.Join("\n", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
        // The mutations reach every outcome, so the invariants above were tested on each.
        Assert.That(counts.GetValueOrDefault("converted"), Is.GreaterThan(Mutations / 4));
        Assert.That(counts.GetValueOrDefault("value rejected"), Is.GreaterThan(Mutations / 50));
        Assert.That(counts.GetValueOrDefault("value not valid text"), Is.GreaterThan(Mutations / 400));
        Assert.That(counts.GetValueOrDefault("name not valid text"), Is.GreaterThan(0));
        Assert.That(counts.GetValueOrDefault("unreadable"), Is.GreaterThan(Mutations / 10));
    }

    [Test]
    public async Task Mutated_answers_through_the_OpenAI_client_are_applied_whole_or_not_at_all()
    {
        var fuzzer = new AnswerFuzzer(Seed + 1);
        await using var server = new FakeOpenAIServer();
        for (var i = 0; i < StepRounds; i++) server.Answer(NextAnswer(fuzzer, i));

        var counts = await RunStepsAsync(server.OpenAIClient(), StepRounds);

        Assert.That(counts.Applied, Is.GreaterThan(0));
        Assert.That(counts.Rejected, Is.GreaterThan(0));
    }

    [Test]
    public async Task Mutated_answers_from_a_client_in_this_process_are_applied_whole_or_not_at_all()
    {
        // No HTTP: the answers reach the optimizer as they are, raw half surrogate pairs included.
        var fuzzer = new AnswerFuzzer(Seed + 2);
        var answers = Enumerable.Range(0, StepRounds).Select(i => NextAnswer(fuzzer, i)).ToArray();

        var counts = await RunStepsAsync(new InvalidTextTests.ScriptedChatClient(answers), StepRounds);

        Assert.That(counts.Applied, Is.GreaterThan(0));
        Assert.That(counts.Rejected, Is.GreaterThan(0));
    }

    [Test]
    public void A_type_whose_constructor_refuses_a_value_gives_a_rejection()
    {
        using var document = JsonDocument.Parse("""{"Value": -1}""");

        var converted = SuggestionConverter.TryConvert(document.RootElement, typeof(Checked), out var value, out var problem);

        Assert.That(converted, Is.False);
        Assert.That(value, Is.Null);
        Assert.That(problem, Does.Contain("not a valid Checked").And.Contain("Value must not be negative"));
    }

    [Test]
    public void A_control_character_in_a_dictionary_key_is_refused_like_one_in_a_value()
    {
        using var document = JsonDocument.Parse("""{"ok": 1, "clear\u001b[2J": 2}""");

        var converted = SuggestionConverter.TryConvert(document.RootElement, typeof(Dictionary<string, int>), out var value, out var problem);

        Assert.That(converted, Is.False);
        Assert.That(value, Is.Null);
        Assert.That(problem, Does.Contain("control character U+001B"));
    }

    private static string NextAnswer(AnswerFuzzer fuzzer, int round)
    {
        var text = fuzzer.Valid(s_shopVariables).Text;
        return round % 3 == 0 ? text : fuzzer.Mutate(text, s_shopVariables);
    }

    private static async Task<(int Applied, int Rejected)> RunStepsAsync(Microsoft.Extensions.AI.IChatClient chat, int rounds)
    {
        var agent = new ShopAgent();
        var parameters = agent.TrainableParameters();
        var optimizer = new OptoPrime(parameters, chat, new OptoPrimeOptions { MaxSuggestionLength = 20_000 });
        var (applied, rejected) = (0, 0);
        for (var round = 0; round < rounds; round++)
        {
            // Feedback straight on the parameters: the agent's output may be anything the answers made of it.
            optimizer.ZeroFeedback();
            foreach (var parameter in parameters) parameter.Backward(Rollout.Feedback);
            var before = parameters.ToDictionary(p => p.Name, p => ValueJson.Format(p.Value, p.ValueType));

            var step = await optimizer.StepAsync();

            var context = $"round {round}: {string.Join("; ", step.Rejected)}\nAnswer: {JsonText.Visible(ValueText.Truncate(step.RawAnswer, 600))}";
            if (step.Rejected.Count > 0) Assert.That(step.Applied, Is.Empty, context);
            foreach (var parameter in parameters)
            {
                var change = step.Applied.SingleOrDefault(c => ReferenceEquals(c.Parameter, parameter));
                if (change is null)
                {
                    Assert.That(ValueJson.Format(parameter.Value, parameter.ValueType), Is.EqualTo(before[parameter.Name]), context);
                    continue;
                }

                AssertWellTyped(change.NewValue, parameter.ValueType);
                Assert.That(ValueJson.Format(parameter.Value, parameter.ValueType), Is.EqualTo(ValueJson.Format(change.NewValue, parameter.ValueType)), context);
            }

            foreach (var rejection in step.Rejected) AssertValidText(rejection.Name, rejection.Suggested, rejection.Reason);
            AssertValidText(optimizer.BuildPrompt().User);
            applied += step.Applied.Count > 0 ? 1 : 0;
            rejected += step.Rejected.Count > 0 ? 1 : 0;
        }

        Assert.That(optimizer.Log, Has.Count.EqualTo(rounds));
        var saved = JsonSerializer.Deserialize<List<StepRecord>>(JsonSerializer.Serialize(optimizer.Log))!;
        Assert.That(saved.Select(s => s.Rejected.Count), Is.EqualTo(optimizer.Log.Select(s => s.Rejected.Count)), "the log of hostile answers is kept whole");
        return (applied, rejected);
    }

    private static void AssertWellTyped(object? value, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is null)
        {
            Assert.That(underlying, Is.Not.Null, $"null converted for {type}");
            return;
        }

        var target = underlying ?? type;
        Assert.That(value, Is.InstanceOf(target));
        switch (value)
        {
            case double d:
                Assert.That(double.IsFinite(d), Is.True);
                break;
            case char ch:
                Assert.That(char.IsSurrogate(ch), Is.False, "half a surrogate pair is not a character");
                break;
            case Enum e:
                Assert.That(target.IsDefined(typeof(FlagsAttribute), false)
                    ? (Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) & ~Enum.GetValues(target).Cast<Enum>().Aggregate(0L, (all, f) => all | Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture))) == 0
                    : Enum.IsDefined(target, e), Is.True, $"{e} is not a defined {target.Name}");
                break;
        }

        AssertCleanText(value);
    }

    // Every string inside a converted value is valid text without control characters other than tabs and line breaks.
    private static void AssertCleanText(object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                AssertValidText(text);
                Assert.That(text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')), Is.False, $"control character in {JsonText.Visible(text)}");
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    AssertCleanText(entry.Key);
                    AssertCleanText(entry.Value);
                }

                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    Assert.That(item, Is.Not.Null, "a list item is null");
                    AssertCleanText(item);
                }

                return;
            case Persona persona:
                AssertCleanText(persona.Name);
                AssertCleanText(persona.Traits);
                return;
        }
    }

    private static void AssertValidText(params string?[] texts)
    {
        foreach (var text in texts)
        {
            if (text is not null) Assert.That(JsonText.IsValid(text), Is.True, $"not valid text: {JsonText.Visible(text)}");
        }
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
