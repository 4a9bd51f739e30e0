using Opto.Code;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Code;

/// <summary>An asynchronous replacement is bounded by its budget even while it awaits something that never completes.</summary>
public class AsyncBudgetTests
{
    private static CodeParameter Answer => new Waiter().TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Waiter.AnswerAsync");

    private static string Body(string body) => Replacements.Method("public async Task<string> AnswerAsync(string question)", body);

    [TearDown]
    public void ResetCode()
    {
        Answer.TimeBudget = TimeSpan.FromSeconds(10);
        Answer.Reset();
    }

    [TestCase("await Task.Delay(-1);\nreturn question;", TestName = "Stopped: awaiting a delay that never ends")]
    [TestCase("while (true) await Task.Delay(50);", TestName = "Stopped: an endless loop of awaits")]
    public async Task An_await_that_would_outlast_the_budget_is_stopped(string body)
    {
        var answer = Answer;
        answer.TimeBudget = TimeSpan.FromMilliseconds(200);
        answer.SetValue(Body(body));

        var call = new Waiter().AnswerAsync("q");
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.That(finished, Is.SameAs(call), "the call was not stopped");
        Assert.ThrowsAsync<CodeBudgetExceededException>(async () => await call);
    }

    [Test]
    public async Task An_asynchronous_replacement_within_its_budget_answers_as_written()
    {
        Answer.SetValue(Body("await Task.Delay(10);\nreturn question + \"?\";"));

        Assert.That(await new Waiter().AnswerAsync("q"), Is.EqualTo("q?"));
    }
}
