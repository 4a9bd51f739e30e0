using System.Text.Json;
using Opto;
using Opto.Code;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests.Code;

/// <summary>OptoPrime rewriting a trainable method through the real OpenAI client and a loopback server.</summary>
public class CodeOptimizationTests
{
    private const string Fixed = """
        public List<int> StrangeSort(List<int> values)
        {
            var sorted = values.Order().ToList();
            var result = new List<int>();
            for (int low = 0, high = sorted.Count - 1; low <= high; low++, high--)
            {
                result.Add(sorted[low]);
                if (low != high) result.Add(sorted[high]);
            }
            return result;
        }
        """;

    [TearDown]
    public void ResetCode()
    {
        foreach (var code in new Sorter().TrainableParameters().OfType<CodeParameter>()) code.Reset();
    }

    private static (Sorter Sorter, OptoPrime Optimizer, CodeParameter Code) Setup(FakeOpenAIServer server)
    {
        var sorter = new Sorter();
        var code = sorter.TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Sorter.StrangeSort");
        return (sorter, new OptoPrime([code], server.OpenAIClient()), code);
    }

    private static void Run(Sorter sorter, OptoPrime optimizer)
    {
        using var scope = TraceScope.Begin();
        var result = sorter.StrangeSort([1, 2, 3, 4]);
        optimizer.ZeroFeedback();
        optimizer.Backward(result, $"StrangeSort([1, 2, 3, 4]) returned [{string.Join(", ", result)}]; expected [1, 4, 2, 3].");
    }

    private static string Answer(string code) =>
        JsonSerializer.Serialize(new { reasoning = "r", answer = (string?)null, suggestion = new Dictionary<string, string> { ["Sorter.StrangeSort"] = code } });

    [Test]
    public async Task The_model_sees_the_code_and_its_fix_is_compiled_and_swapped_in()
    {
        await using var server = new FakeOpenAIServer().Answer(Answer(Fixed));
        var (sorter, optimizer, code) = Setup(server);
        Run(sorter, optimizer);

        var step = await optimizer.StepAsync();

        var prompt = server.LastMessages()[1].Text;
        Assert.That(prompt, Does.Contain("(code) Sorter.StrangeSort=\n```csharp\n/// <summary>Returns the list in strange order"));
        Assert.That(prompt, Does.Contain("strangeSort0 = StrangeSort(values=values0)  // reads Sorter.StrangeSort"));
        Assert.That(prompt, Does.Contain("Sorter.StrangeSort: Returns the list in strange order").And.Contain("signature stays exactly `public List<int> StrangeSort(List<int> values)`"));
        Assert.That(step.Applied.Single().Parameter, Is.SameAs(code));
        Assert.That(sorter.StrangeSort([1, 2, 3, 4]), Is.EqualTo(new[] { 1, 4, 2, 3 }));
    }

    [Test]
    public async Task Code_that_does_not_compile_is_rejected_and_the_annotated_errors_are_the_next_feedback()
    {
        await using var server = new FakeOpenAIServer()
            .Answer(Answer(Fixed.Replace("result.Add(sorted[low]);", "result.Add(sorted[low])", StringComparison.Ordinal)))
            .Answer(Answer(Fixed));
        var (sorter, optimizer, code) = Setup(server);
        Run(sorter, optimizer);

        var first = await optimizer.StepAsync();
        var second = await optimizer.StepAsync();

        Assert.That(first.Applied, Is.Empty);
        Assert.That(first.Rejected.Single().Reason, Does.Contain("does not parse").And.Contain(" 7 |         result.Add(sorted[low])\n   | ^ error CS1002: ; expected"));
        Assert.That(server.LastMessages()[1].Text, Does.Contain("Your previous answer was not applied").And.Contain("error CS1002: ; expected"));
        Assert.That(second.Applied, Has.Count.EqualTo(1));
        Assert.That(sorter.StrangeSort([1, 2, 3, 4]), Is.EqualTo(new[] { 1, 4, 2, 3 }));
    }

    [Test]
    public async Task A_changed_signature_from_the_model_is_rejected()
    {
        await using var server = new FakeOpenAIServer().Answer(Answer("public List<int> StrangeSort(List<int> values, bool reverse) => values;"));
        var (sorter, optimizer, code) = Setup(server);
        Run(sorter, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(step.Rejected.Single().Reason, Does.StartWith("The signature must stay exactly `public List<int> StrangeSort(List<int> values)`"));
        Assert.That(code.IsReplaced, Is.False);
    }

    [Test]
    public async Task Banned_code_from_the_model_is_rejected()
    {
        await using var server = new FakeOpenAIServer().Answer(Answer("public List<int> StrangeSort(List<int> values) { System.IO.File.Delete(\"/tmp/x\"); return values; }"));
        var (sorter, optimizer, code) = Setup(server);
        Run(sorter, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(step.Rejected.Single().Reason, Does.Contain("System.IO.File.Delete is file system access, which the code policy does not allow"));
        Assert.That(code.IsReplaced, Is.False);
    }

    // Every optimizer's request about the code is answered with `code`; TextGrad's gradient request with feedback.
    private static FakeOpenAIServer Answering(string code) => new()
    {
        Fallback = request =>
        {
            var system = Opto.Testing.ChatCompletionsProtocol.ReadMessages(request.Body)[0].Text;
            var text = system.Contains("feedback engine", StringComparison.Ordinal)
                ? """{"feedback": {"Sorter.StrangeSort": "Alternate the smallest and the largest remaining values."}}"""
                : Answer(code);
            return new Opto.Testing.LoopbackResponse(200, Opto.Testing.ChatCompletionsProtocol.Completion(text, "gpt-test", 10, 10));
        },
    };

    // The optimizer of that kind over the sorter's code, with feedback on one wrong result.
    private static (Sorter Sorter, CodeParameter Code, Optimizer Optimizer) Judged(string kind, FakeOpenAIServer server)
    {
        var sorter = new Sorter();
        var code = sorter.TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Sorter.StrangeSort");
        Optimizer optimizer = kind switch
        {
            "multi" => new OptoPrimeMulti([code], server.OpenAIClient()),
            "opro" => new Opro([code], server.OpenAIClient()),
            _ => new TextGrad([code], server.OpenAIClient()),
        };
        using (TraceScope.Begin())
        {
            var result = sorter.StrangeSort([1, 2, 3, 4]);
            optimizer.ZeroFeedback();
            optimizer.Backward(result, "Expected [1, 4, 2, 3].");
        }

        return (sorter, code, optimizer);
    }

    [TestCase("multi")]
    [TestCase("opro")]
    [TestCase("textgrad")]
    public async Task Every_optimizer_shows_the_code_compiles_the_fix_and_swaps_it_in(string kind)
    {
        await using var server = Answering(Fixed);
        var (sorter, code, optimizer) = Judged(kind, server);

        var step = await optimizer.StepAsync();

        Assert.That(step.Applied.Single().Parameter, Is.SameAs(code));
        Assert.That(sorter.StrangeSort([1, 2, 3, 4]), Is.EqualTo(new[] { 1, 4, 2, 3 }));
        var shown = server.Requests.Select(r => Opto.Testing.ChatCompletionsProtocol.ReadMessages(r.Body)[^1].Text).ToList();
        Assert.That(shown, Has.Some.Contains("/// <summary>Returns the list in strange order"), "the model sees the current code");
    }

    [TestCase("multi")]
    [TestCase("opro")]
    [TestCase("textgrad")]
    public async Task Every_optimizer_rejects_code_that_does_not_compile_or_breaks_the_policy(string kind)
    {
        foreach (var bad in new[]
        {
            Fixed.Replace("result.Add(sorted[low]);", "result.Add(sorted[low])", StringComparison.Ordinal),
            "public List<int> StrangeSort(List<int> values) { System.IO.File.Delete(\"/tmp/x\"); return values; }",
        })
        {
            await using var server = Answering(bad);
            var (_, code, optimizer) = Judged(kind, server);

            var step = await optimizer.StepAsync();

            Assert.That(step.Applied, Is.Empty);
            Assert.That(step.Rejected, Is.Not.Empty);
            Assert.That(code.IsReplaced, Is.False);
        }
    }
}
