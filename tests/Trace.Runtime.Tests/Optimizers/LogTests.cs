using System.Text.Json;
using System.Text.Json.Nodes;
using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>The optimizer's log serializes to JSON and reads back as typed records with the same values.</summary>
public class LogTests
{
    private const string Applied = """
        {"reasoning": "Shorter, formal, one more product.", "answer": "Yes",
         "suggestion": {"ShopAgent.SystemPrompt": "Be brief 😀.", "ShopAgent.MaxWords": 12, "ShopAgent.Tone": "Formal",
                        "ShopAgent.Products": ["laptop", "dock"], "ShopAgent.Pricing": {"Discount": 0.25, "FreeShipping": false}}}
        """;

    /// <summary>Three steps: rejected after a retried 429, applied, and no change.</summary>
    private static async Task<(OptoPrime Optimizer, ShopAgent Agent)> ThreeStepsAsync(FakeOpenAIServer server)
    {
        server.Fail(429, "Rate limit reached", new Dictionary<string, string> { ["retry-after-ms"] = "15" })
            .Answer("""{"reasoning": "fewer words", "suggestion": {"ShopAgent.MaxWords": "twelve"}}""", 100, 10)
            .Answer(Applied, 200, 20)
            .Answer("TERMINATE", 300, 30);
        var agent = new ShopAgent();
        var optimizer = new OptoPrime(agent.TrainableParameters(), server.OpenAIClient());
        Rollout.Run(agent, optimizer);
        await optimizer.StepAsync();
        await optimizer.StepAsync();
        Rollout.Run(agent, optimizer);
        await optimizer.StepAsync();
        return (optimizer, agent);
    }

    [Test]
    public async Task The_log_serializes_and_reads_back_with_the_same_values()
    {
        await using var server = new FakeOpenAIServer();
        var (optimizer, _) = await ThreeStepsAsync(server);
        var log = optimizer.Log;

        var json = JsonSerializer.Serialize(log);
        var saved = JsonSerializer.Deserialize<List<StepRecord>>(json)!;

        Assert.That(saved, Has.Count.EqualTo(3));
        for (var i = 0; i < log.Count; i++)
        {
            var (live, record) = (log[i], saved[i]);
            Assert.That(record.Step, Is.EqualTo(live.Step));
            Assert.That(record.SystemPrompt, Is.EqualTo(live.SystemPrompt));
            Assert.That(record.UserPrompt, Is.EqualTo(live.UserPrompt));
            Assert.That(record.RawAnswer, Is.EqualTo(live.RawAnswer));
            Assert.That(record.Reasoning, Is.EqualTo(live.Reasoning));
            Assert.That(record.Proposal.Answer, Is.EqualTo(live.Proposal.Answer));
            Assert.That(record.NoChangeSuggested, Is.EqualTo(live.NoChangeSuggested));
            Assert.That(Counts(record.Usage), Is.EqualTo(Counts(live.Usage)));
            Assert.That(record.Attempts, Is.EqualTo(live.Attempts), "attempts are records: equal by value");
            Assert.That(record.Rejected, Is.EqualTo(live.Rejected));
            Assert.That(record.Proposal.Rejections, Is.EqualTo(live.Proposal.Rejections));
            AssertSameChanges(record.Applied, live.Applied);
            AssertSameChanges(record.Proposal.Changes, live.Proposal.Changes);
        }

        // The values the steps produced, spelled out, so a record that only echoes the live log cannot pass.
        Assert.That(saved[0].Attempts.Select(a => (a.Number, a.Failure is null)), Is.EqualTo(new[] { (1, false), (2, true) }));
        Assert.That(saved[0].Attempts[0].Failure, Does.Contain("429"));
        Assert.That(saved[0].Attempts[0].WaitBeforeRetry, Is.EqualTo(TimeSpan.FromMilliseconds(15)));
        Assert.That(saved[0].Rejected.Single(), Is.EqualTo(new Rejection("ShopAgent.MaxWords", "\"twelve\"",
            "'twelve' is not a valid int (whole number in range for integer types, finite for floating point).")));
        Assert.That(saved[0].Applied, Is.Empty);
        Assert.That(Counts(saved[0].Usage), Is.EqualTo(((long?)100, (long?)10, (long?)110)));
        Assert.That(saved[0].Reasoning, Is.EqualTo("fewer words"));

        var applied = saved[1].Applied.ToDictionary(c => c.Name);
        Assert.That(applied.Keys, Is.EquivalentTo(new[] { "ShopAgent.SystemPrompt", "ShopAgent.MaxWords", "ShopAgent.Tone", "ShopAgent.Products", "ShopAgent.Pricing" }));
        Assert.That(applied["ShopAgent.SystemPrompt"].Type, Is.EqualTo("string"));
        Assert.That(applied["ShopAgent.SystemPrompt"].OldValue.GetString(), Is.EqualTo("You are a sales agent."));
        Assert.That(applied["ShopAgent.SystemPrompt"].NewValue.GetString(), Is.EqualTo("Be brief 😀."));
        Assert.That(applied["ShopAgent.MaxWords"].Type, Is.EqualTo("int"));
        Assert.That(applied["ShopAgent.MaxWords"].OldValue.GetInt32(), Is.EqualTo(5));
        Assert.That(applied["ShopAgent.MaxWords"].NewValue.GetInt32(), Is.EqualTo(12));
        Assert.That(applied["ShopAgent.Tone"].Type, Is.EqualTo("Tone"));
        Assert.That(applied["ShopAgent.Tone"].NewValue.GetString(), Is.EqualTo("Formal"), "enums are saved by name, as prompts show them");
        Assert.That(applied["ShopAgent.Tone"].NewValue.Deserialize<Tone>(Opto.ParameterStore.JsonOptions), Is.EqualTo(Tone.Formal));
        Assert.That(applied["ShopAgent.Products"].Type, Is.EqualTo("List<string>"));
        Assert.That(applied["ShopAgent.Products"].NewValue.Deserialize<List<string>>(), Is.EqualTo(new[] { "laptop", "dock" }));
        Assert.That(applied["ShopAgent.Pricing"].Type, Is.EqualTo("Pricing"));
        Assert.That(applied["ShopAgent.Pricing"].OldValue.Deserialize<Pricing>(), Is.EqualTo(new Pricing(0.1m, true)));
        Assert.That(applied["ShopAgent.Pricing"].NewValue.Deserialize<Pricing>(), Is.EqualTo(new Pricing(0.25m, false)));
        Assert.That(saved[1].Proposal.Answer, Is.EqualTo("Yes"));
        Assert.That(saved[1].Rejected, Is.Empty);
        Assert.That(saved[1].UserPrompt, Does.Contain("Your previous answer was not applied").And.Contain("'twelve' is not a valid int"));

        Assert.That(saved[2].NoChangeSuggested, Is.True);
        Assert.That(saved[2].RawAnswer, Is.EqualTo("TERMINATE"));
        Assert.That(Counts(Tokens.Sum(saved.Select(s => s.Usage))), Is.EqualTo(Counts(optimizer.TotalUsage)));
    }

    private static (long? Input, long? Output, long? Total) Counts(Microsoft.Extensions.AI.UsageDetails usage) =>
        (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount);

    [Test]
    public async Task Values_are_saved_as_the_parameter_store_saves_them_and_types_by_their_CSharp_names()
    {
        await using var server = new FakeOpenAIServer();
        var (optimizer, agent) = await ThreeStepsAsync(server);
        var file = Path.Combine(Path.GetTempPath(), $"opto-{Guid.NewGuid():N}.json");
        try
        {
            ParameterStore.Save(agent.TrainableParameters(), file);
            var store = JsonNode.Parse(File.ReadAllText(file))!["parameters"]!;

            var json = JsonNode.Parse(JsonSerializer.Serialize(optimizer.Log))!;

            foreach (var change in json[1]!["Applied"]!.AsArray())
            {
                var name = change!["Name"]!.GetValue<string>();
                Assert.That(JsonNode.DeepEquals(change["NewValue"], store[name]!["value"]), Is.True, $"{name}: {change["NewValue"]!.ToJsonString()} vs {store[name]!["value"]!.ToJsonString()}");
                Assert.That(change["Type"]!.GetValue<string>(), Is.EqualTo(TypeNames.Display(agent.TrainableParameters().Single(p => p.Name == name).ValueType)));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task The_saved_log_holds_no_live_objects_and_no_API_key()
    {
        await using var server = new FakeOpenAIServer();
        var (optimizer, _) = await ThreeStepsAsync(server);

        var json = JsonSerializer.Serialize(optimizer.Log, new JsonSerializerOptions { WriteIndented = true });

        Assert.That(json, Does.Not.Contain(FakeOpenAIServer.Key));
        Assert.That(json, Does.Not.Contain("\"Feedback\"").And.Not.Contain("\"Parameter\"").And.Not.Contain("\"ValueType\""));
        var step = JsonNode.Parse(json)![1]!.AsObject();
        Assert.That(step.Select(p => p.Key), Is.EqualTo(new[] { "Step", "Proposal", "Applied", "Rejected" }));
        Assert.That(step["Applied"]![0]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "Name", "Type", "OldValue", "NewValue" }));
    }

    [Test]
    public async Task Each_live_log_type_serializes_alone_and_honours_the_callers_options()
    {
        await using var server = new FakeOpenAIServer();
        var (optimizer, _) = await ThreeStepsAsync(server);
        var step = optimizer.Log[1];

        var web = JsonSerializer.Serialize(step, JsonSerializerOptions.Web);
        var proposal = JsonSerializer.Serialize(step.Proposal);
        var change = JsonSerializer.Serialize(step.Applied[0]);

        Assert.That(web, Does.Contain("\"step\":2").And.Contain("\"newValue\":"));
        Assert.That(JsonSerializer.Deserialize<StepRecord>(web, JsonSerializerOptions.Web)!.Applied, Has.Count.EqualTo(step.Applied.Count));
        Assert.That(JsonSerializer.Deserialize<ProposalRecord>(proposal)!.Reasoning, Is.EqualTo("Shorter, formal, one more product."));
        Assert.That(JsonSerializer.Deserialize<ChangeRecord>(change)!.Name, Is.EqualTo(step.Applied[0].Parameter.Name));
    }

    [Test]
    public async Task Reading_a_saved_log_as_live_steps_says_what_to_read_it_as()
    {
        await using var server = new FakeOpenAIServer();
        var (optimizer, _) = await ThreeStepsAsync(server);
        var json = JsonSerializer.Serialize(optimizer.Log);

        var error = Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<List<StepLog>>(json));

        Assert.That(error!.Message, Does.Contain("JsonSerializer.Deserialize<List<StepRecord>>(json)"));
    }

    [Test]
    public void A_value_that_cannot_be_serialized_is_saved_as_its_text()
    {
        var parameter = new Parameter<Loop>(new Loop(), "loop");
        var change = new ParameterChange(parameter, parameter.Value, new Loop());

        var record = change.ToRecord();

        Assert.That(record.Type, Is.EqualTo("LogTests.Loop"));
        Assert.That(record.NewValue.GetString(), Is.EqualTo("a loop"));
        Assert.That(JsonSerializer.Serialize(change), Does.Contain("a loop"));
    }

    /// <summary>A value System.Text.Json cannot write: it refers to itself.</summary>
    public sealed class Loop
    {
        public Loop() => Self = this;

        public Loop Self { get; }

        public override string ToString() => "a loop";
    }

    private static void AssertSameChanges(IReadOnlyList<ChangeRecord> saved, IReadOnlyList<ParameterChange> live)
    {
        Assert.That(saved.Select(c => c.Name), Is.EqualTo(live.Select(c => c.Parameter.Name)));
        for (var i = 0; i < live.Count; i++)
        {
            var type = live[i].Parameter.ValueType;
            Assert.That(saved[i].Type, Is.EqualTo(TypeNames.Display(type)));
            Assert.That(JsonSerializer.Serialize(saved[i].OldValue.Deserialize(type, Opto.ParameterStore.JsonOptions)), Is.EqualTo(JsonSerializer.Serialize(live[i].OldValue, type)));
            Assert.That(JsonSerializer.Serialize(saved[i].NewValue.Deserialize(type, Opto.ParameterStore.JsonOptions)), Is.EqualTo(JsonSerializer.Serialize(live[i].NewValue, type)));
        }
    }
}
