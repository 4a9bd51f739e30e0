using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;
using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>
/// A prompt never exceeds OptoPrimeOptions.MaxPromptTokens: a graph too large is compacted (what is nearest the
/// variables and the outputs is kept, the rest is replaced by markers), never cut mid-value.
/// </summary>
public class PromptBudgetTests
{
    private static readonly TiktokenTokenizer s_o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    [Test]
    public void The_prompt_of_a_100000_node_graph_fits_16000_tokens_and_names_every_variable_the_output_and_the_feedback()
    {
        var (optimizer, first, last, output) = LongChain(100_000, new OptoPrimeOptions { MaxPromptTokens = 16_000, CountTokens = Count });

        var (system, user) = optimizer.BuildPrompt();

        Assert.That(s_o200k.CountTokens(system) + s_o200k.CountTokens(user), Is.LessThanOrEqualTo(16_000));
        Assert.That(user, Does.Contain($"(string) {first.Name}=\"first value\"").And.Contain($"(string) {last.Name}=\"last value\""));
        Assert.That(user, Does.Contain($"{output.Name}=").And.Contain("#Outputs\n(string) " + output.Name));
        Assert.That(user, Does.Contain("#Feedback\nThe chain drifted."));
        var marker = Regex.Match(user, @"\.\.\. ([\d,]+) calls left out to fit the prompt's token budget: Step ×([\d,]+)");
        Assert.That(marker.Success, user[..2000]);
        var shownCalls = Regex.Matches(user, @"^step\d+ = Step\(", RegexOptions.Multiline).Count;
        Assert.That(int.Parse(marker.Groups[1].Value.Replace(",", "")) + shownCalls, Is.EqualTo(99_998), "every call is shown or counted in the marker");
        Assert.That(shownCalls, Is.GreaterThan(100), "the budget is used, not left empty");
    }

    [Test]
    public void The_default_estimate_errs_high_so_a_prompt_within_the_budget_by_estimate_is_within_it_in_real_tokens()
    {
        var (optimizer, _, _, _) = LongChain(20_000, new OptoPrimeOptions { MaxPromptTokens = 16_000 });

        var (system, user) = optimizer.BuildPrompt();

        var real = s_o200k.CountTokens(system) + s_o200k.CountTokens(user);
        Assert.That(real, Is.LessThanOrEqualTo(16_000).And.GreaterThan(8_000), "within the budget, and not far below it");
    }

    [Test]
    public void What_is_kept_is_nearest_the_variables_and_the_output_and_the_middle_is_left_out()
    {
        var (optimizer, _, _, _) = LongChain(5_000, new OptoPrimeOptions { MaxPromptTokens = 4_000, CountTokens = Count });

        var code = optimizer.BuildProblem().Code;

        var lines = code.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("mixIn0 = MixIn("), "the call reading the first variable");
        Assert.That(lines[1], Does.StartWith("step0 = Step(text=mixIn0)"));
        Assert.That(lines[^1], Does.StartWith("mixIn1 = MixIn(a=step4997"), "the output's call");
        Assert.That(lines[^2], Does.StartWith("step4997 = Step(text=step4996)"));
        var markers = lines.Where(l => l.StartsWith("... ", StringComparison.Ordinal)).ToList();
        Assert.That(markers, Has.Count.EqualTo(1), "one run left out, in the middle");
        var markerAt = Array.IndexOf(lines, markers[0]);
        var before = lines[..markerAt].Length;
        var after = lines[(markerAt + 1)..].Length;
        Assert.That(Math.Abs(before - after), Is.LessThanOrEqualTo(2), "as many calls kept near the variables as near the output");
    }

    [Test]
    public void No_value_is_cut_to_fit_each_one_shown_is_whole()
    {
        var (optimizer, _, _, _) = LongChain(3_000, new OptoPrimeOptions { MaxPromptTokens = 3_000 });

        var problem = optimizer.BuildProblem();

        foreach (var line in problem.Others.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("...", StringComparison.Ordinal)))
        {
            Assert.That(line, Does.Match("^\\(string\\) (step|mixIn)\\d+=\"s[a-z]\"$"));
        }

        Assert.That(problem.Others, Does.Contain("intermediate values left out"));
        Assert.That(problem.Render(), Does.Not.Contain("truncated"));
    }

    [Test]
    public void A_graph_that_fits_gives_the_same_prompt_as_with_no_limit()
    {
        var (limited, _, _, _) = LongChain(60, new OptoPrimeOptions { MaxPromptTokens = 100_000 });
        var (unlimited, _, _, _) = LongChain(60, new OptoPrimeOptions { MaxPromptTokens = int.MaxValue });

        Assert.That(limited.BuildPrompt().User, Is.EqualTo(unlimited.BuildPrompt().User));
        Assert.That(limited.BuildPrompt().User, Does.Not.Contain("left out"));
    }

    [Test]
    public void Compaction_is_deterministic()
    {
        var (a, _, _, _) = LongChain(4_000, new OptoPrimeOptions { MaxPromptTokens = 5_000 });
        var (b, _, _, _) = LongChain(4_000, new OptoPrimeOptions { MaxPromptTokens = 5_000 });

        Assert.That(a.BuildPrompt().User, Is.EqualTo(b.BuildPrompt().User));
        Assert.That(a.BuildPrompt().User, Is.EqualTo(a.BuildPrompt().User));
    }

    [Test]
    public void A_budget_the_variables_alone_exceed_is_an_error_that_says_what_to_change_and_the_step_changes_nothing()
    {
        var (optimizer, first, _, _) = LongChain(100, new OptoPrimeOptions { MaxPromptTokens = 400 });

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => optimizer.StepAsync())!;

        Assert.That(error.Message, Does.Contain("MaxPromptTokens").And.Contain("always shown whole").And.Contain("every intermediate call left out"));
        Assert.That(first.Value, Is.EqualTo("first value"));
    }

    [Test]
    public void Without_a_limit_the_budget_comes_from_the_models_window()
    {
        // gpt-4's window is 8,192 tokens, less 4,096 for the answer.
        var (optimizer, _, _, _) = LongChain(5_000, new OptoPrimeOptions { CountTokens = Count }, new NamedModel("gpt-4-0613"));
        var (wide, _, _, _) = LongChain(5_000, new OptoPrimeOptions { CountTokens = Count }, new NamedModel("gpt-4o-mini"));

        var (system, user) = optimizer.BuildPrompt();

        Assert.That(s_o200k.CountTokens(system) + s_o200k.CountTokens(user), Is.LessThanOrEqualTo(8_192 - 4_096).And.GreaterThan(3_000));
        Assert.That(wide.BuildPrompt().User, Does.Not.Contain("left out"), "a 5,000-call chain fits gpt-4o's 128,000 tokens");
    }

    [TestCase("gpt-4o-2024-08-06", 128_000)]
    [TestCase("openai/gpt-4.1-mini", 1_047_576)]
    [TestCase("gpt-4", 8_192)]
    [TestCase("o1-mini", 128_000)]
    [TestCase("o1-preview", 200_000)]
    [TestCase("my-local-model", 128_000)]
    [TestCase(null, 128_000)]
    public void Known_models_have_their_window(string? model, int tokens) => Assert.That(ModelContextWindows.Of(model), Is.EqualTo(tokens));

    private static int Count(string text) => s_o200k.CountTokens(text);

    private static (OptoPrime Optimizer, Parameter<string> First, Parameter<string> Last, Node Output) LongChain(int calls, OptoPrimeOptions options, IChatClient? chat = null)
    {
        var first = new Parameter<string>("first value", "Chain.First", "Where the chain starts.");
        var last = new Parameter<string>("last value", "Chain.Last", "What the chain ends with.");
        using var scope = TraceScope.Begin();
        var output = scope.Graph.NodeOf(Mixer.Chain(first, last, calls))!;
        output.Backward("The chain drifted.");
        return (new OptoPrime([first, last], chat ?? new NoChat(), options), first, last, output);
    }

    private sealed class NamedModel(string model) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("test", null, model) : null;

        public void Dispose()
        {
        }
    }
}
