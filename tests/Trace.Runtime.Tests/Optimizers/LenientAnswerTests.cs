using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>Imperfect but readable answers: each must be read exactly, with its values converted to the parameters' types.</summary>
public class LenientAnswerTests
{
    private static IEnumerable<TestCaseData> Readable()
    {
        yield return Case("code fence", "```json\n{\"suggestion\": {\"ShopAgent.MaxWords\": 7}}\n```", a => a.MaxWords == 7);
        yield return Case("prose around the JSON", "Sure! Here is my answer:\n{\"reasoning\": \"cut it\", \"suggestion\": {\"ShopAgent.MaxWords\": 7}}\nHope this helps.", a => a.MaxWords == 7);
        yield return Case("single quotes", "{'reasoning': 'it is short', 'suggestion': {'ShopAgent.SystemPrompt': 'Say \"hi\".'}}", a => a.SystemPrompt == "Say \"hi\".");
        yield return Case("trailing commas and comments", "{\"suggestion\": {\"ShopAgent.MaxWords\": 7, /* fewer */ },}", a => a.MaxWords == 7);
        yield return Case("unknown top-level keys", "{\"thoughts\": [1, 2], \"confidence\": 0.9, \"suggestion\": {\"ShopAgent.MaxWords\": 7}}", a => a.MaxWords == 7);
        yield return Case("bare object of variables", "{\"ShopAgent.MaxWords\": 7}", a => a.MaxWords == 7);
        yield return Case("suggestion sent as a JSON string", "{\"suggestion\": \"{\\\"ShopAgent.MaxWords\\\": 7}\"}", a => a.MaxWords == 7);
        yield return Case("number as a string", "{\"suggestion\": {\"ShopAgent.MaxWords\": \"7\"}}", a => a.MaxWords == 7);
        yield return Case("Python literals", "{'suggestion': {'ShopAgent.UpSell': True}}", a => a.UpSell);
        yield return Case("enum name in lower case", "{\"suggestion\": {\"ShopAgent.Tone\": \"formal\"}}", a => a.Tone == Tone.Formal);
        yield return Case("list", "{\"suggestion\": {\"ShopAgent.Products\": [\"laptop\", \"dock\"]}}", a => a.Products.SequenceEqual(["laptop", "dock"]));
        yield return Case("list sent as a JSON string", "{\"suggestion\": {\"ShopAgent.Products\": \"[\\\"dock\\\"]\"}}", a => a.Products.SequenceEqual(["dock"]));
        yield return Case("record", "{\"suggestion\": {\"ShopAgent.Pricing\": {\"Discount\": 0.25, \"FreeShipping\": false}}}", a => a.Pricing == new Pricing(0.25m, false));
        yield return Case("double", "{\"suggestion\": {\"ShopAgent.Temperature\": 0.75}}", a => a.Temperature == 0.75);
        yield return Case("fence inside a string value", "{\"suggestion\": {\"ShopAgent.SystemPrompt\": \"Use ```code``` blocks {sparingly}.\"}}", a => a.SystemPrompt == "Use ```code``` blocks {sparingly}.");
        yield return Case("an answer field", "{\"reasoning\": \"r\", \"answer\": \"42\", \"suggestion\": {\"ShopAgent.MaxWords\": 7}}", a => a.MaxWords == 7);

        static TestCaseData Case(string name, string answer, Func<ShopAgent, bool> check) =>
            new TestCaseData(answer, check).SetName("Read: " + name);
    }

    [TestCaseSource(nameof(Readable))]
    public async Task A_readable_answer_is_applied(string answer, Func<ShopAgent, bool> check)
    {
        await using var server = new FakeOpenAIServer().Answer(answer);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(step.Rejected, Is.Empty, string.Join("\n", step.Rejected));
        Assert.That(step.Applied, Is.Not.Empty);
        Assert.That(check(agent), Is.True, Rollout.Values(agent));
    }

    [TestCase("TERMINATE")]
    [TestCase("Everything looks right. TERMINATE")]
    [TestCase("{\"reasoning\": \"fine as is\", \"answer\": null, \"suggestion\": {}}")]
    [TestCase("{\"reasoning\": \"fine as is\"}")]
    public async Task An_answer_that_changes_nothing_is_neither_applied_nor_rejected(string answer)
    {
        await using var server = new FakeOpenAIServer().Answer(answer);
        var agent = new ShopAgent();
        var before = Rollout.Values(agent);
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(step.NoChangeSuggested, Is.True);
        Assert.That(step.Rejected, Is.Empty);
        Assert.That(Rollout.Values(agent), Is.EqualTo(before));
    }

    [Test]
    public async Task The_answer_field_is_kept_in_the_log()
    {
        await using var server = new FakeOpenAIServer().Answer("{\"reasoning\": \"r\", \"answer\": \"Paris\", \"suggestion\": {}}");
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);

        var step = await optimizer.StepAsync();

        Assert.That(step.Proposal.Answer, Is.EqualTo("Paris"));
        Assert.That(step.Reasoning, Is.EqualTo("r"));
    }
}
