using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Opto;
using Opto.Optimizers;
using Opto.Testing;
using Opto.Training;
using OpenTelemetry.Trace;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests.Training;

/// <summary>A support-ticket classifier whose instruction is trained.</summary>
public class TicketClassifier(IChatClient chat)
{
    [Trainable("The instruction the classifier follows.")]
    public string Instruction { get; set; } = "Classify the ticket.";

    /// <summary>Classifies a support ticket as billing, technical or other.</summary>
    [Traced]
    public async Task<string> ClassifyAsync(string ticket)
    {
        if (ticket.Contains("boom", StringComparison.Ordinal)) throw new InvalidOperationException($"Cannot classify with '{Instruction}'.");
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, Instruction), new ChatMessage(ChatRole.User, ticket)]);
        return response.Text.Trim().ToLowerInvariant();
    }
}

/// <summary>Exact match against the label, with the label in the feedback.</summary>
internal sealed class LabelGuide : IGuide<string, string, string>
{
    public ValueTask<Judgement> JudgeAsync(Example<string, string> example, string output, CancellationToken cancellationToken) =>
        ValueTask.FromResult(output == example.Expected
            ? new Judgement(1, "Correct.", true)
            : new Judgement(0, $"Expected the single word '{example.Expected}', got '{output}'.", false));
}

/// <summary>
/// The trainer end to end through the real OpenAI client and a deterministic loopback model: the classifier answers
/// in a sentence until its instruction asks for one word, and the optimizer proposes exactly that instruction.
/// </summary>
[NonParallelizable]
public class TrainerTests
{
    internal const string Fixed = "Answer with one word: billing, technical or other.";

    private static readonly string[] s_topics = ["refund", "crash", "hello", "invoice", "error", "thanks"];

    internal static List<Example<string, string>> Tickets(int count, int offset = 0) =>
        [.. Enumerable.Range(offset, count).Select(i => new Example<string, string>($"Ticket {i}: {s_topics[i % s_topics.Length]} please", Label(s_topics[i % s_topics.Length])))];

    private static string Label(string topic) => topic is "refund" or "invoice" ? "billing" : topic is "crash" or "error" ? "technical" : "other";

    // The agent's requests: a sentence unless told to answer in one word. The optimizer's: the fixed instruction.
    internal static FakeOpenAIServer Model(string? suggestion = Fixed) => Model(_ => suggestion);

    // The optimizer's n-th request (from 0) is answered with suggestionFor(n).
    internal static FakeOpenAIServer Model(Func<int, string?> suggestionFor)
    {
        var asked = 0;
        return new()
    {
        Fallback = request =>
        {
            var messages = ChatCompletionsProtocol.ReadMessages(request.Body);
            var system = messages[0].Text;
            if (system.Contains("#Variables", StringComparison.Ordinal))
            {
                var suggestion = suggestionFor(Interlocked.Increment(ref asked) - 1);
                var answer = suggestion is null
                    ? """{"reasoning": "Nothing to change.", "answer": null, "suggestion": {}}"""
                    : $$$"""{"reasoning": "The answers must be one word.", "answer": null, "suggestion": {"TicketClassifier.Instruction": "{{{suggestion}}}"}}""";
                return new LoopbackResponse(200, ChatCompletionsProtocol.Completion(answer, "m", 100, 20));
            }

            var ticket = messages[^1].Text;
            var topic = s_topics.First(t => ticket.Contains(t, StringComparison.Ordinal));
            var text = system.Contains("one word", StringComparison.Ordinal) ? Label(topic) : $"I think this is about {Label(topic)}.";
            return new LoopbackResponse(200, ChatCompletionsProtocol.Completion(text, "m", 10, 3));
        },
    };
    }

    private static (Trainer<string, string, string> Trainer, TicketClassifier Agent, OptoPrime Optimizer) Create(FakeOpenAIServer server, TrainerOptions options)
    {
        var chat = server.OpenAIClient();
        var agent = new TicketClassifier(chat);
        var optimizer = new OptoPrime(agent.TrainableParameters(), chat);
        return (new Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket), new LabelGuide(), optimizer, options), agent, optimizer);
    }

    [Test]
    public async Task Minibatch_training_learns_from_each_batch_validates_and_keeps_the_best()
    {
        await using var server = Model();
        var (trainer, agent, _) = Create(server, new TrainerOptions { BatchSize = 4, MaxParallelism = 4, Seed = 3 });
        var progress = new List<TrainingProgress>();

        var result = await trainer.TrainAsync(Tickets(12), Tickets(6, offset: 100), new SynchronousProgress<TrainingProgress>(progress.Add));

        Assert.That(result.InitialValidation!.Accuracy, Is.Zero);
        Assert.That(result.Steps, Has.Count.EqualTo(3));
        Assert.That(result.Steps[0].Batch.Rollouts, Has.Count.EqualTo(4));
        Assert.That(result.Steps[0].Batch.Rollouts.All(r => r.FeedbackReached == 1), Is.True, "every output's feedback reached the instruction");
        Assert.That(result.Steps[0].Log.Applied.Single().Parameter.Name, Is.EqualTo("TicketClassifier.Instruction"));
        Assert.That(result.Steps[0].Validation!.Accuracy, Is.EqualTo(1));
        Assert.That((result.BestStep, result.BestValidation!.Accuracy), Is.EqualTo((1, 1.0)));
        Assert.That(agent.Instruction, Is.EqualTo(Fixed));
        Assert.That(progress.Select(p => (p.Step, p.TotalSteps)), Is.EqualTo(new[] { (1, 3), (2, 3), (3, 3) }));
    }

    [Test]
    public async Task Search_scores_each_proposal_on_the_validation_sample_and_applies_the_best()
    {
        string[] proposals = ["Classify the ticket carefully.", Fixed, "Classify the ticket politely."];
        await using var server = Model(n => proposals[n % proposals.Length]);
        var (trainer, agent, _) = Create(server, new TrainerOptions { BatchSize = 4, Proposals = 3, SearchSample = 3, Seed = 5 });

        var result = await trainer.TrainAsync(Tickets(4), Tickets(6, offset: 200));

        var step = result.Steps.Single();
        Assert.That(step.Candidates, Has.Count.EqualTo(4), "the current parameters and three proposals");
        Assert.That(step.Candidates[0].Proposal, Is.Null);
        Assert.That(step.Candidates.Select(c => c.Score), Is.EqualTo(new[] { 0.0, 0.0, 1.0, 0.0 }));
        Assert.That(step.Candidates.Single(c => c.Chosen).Proposal!.Changes.Single().NewValue, Is.EqualTo(Fixed));
        Assert.That(step.Log.Applied.Single().NewValue, Is.EqualTo(Fixed));
        Assert.That(agent.Instruction, Is.EqualTo(Fixed));
        var sampled = server.Requests.Count(r => ChatCompletionsProtocol.ReadMessages(r.Body)[0].Text == "Classify the ticket politely.");
        Assert.That(sampled, Is.EqualTo(3), "each proposal was scored on a sample of three validation examples");
        Assert.That(step.Usage.Optimizer.TotalTokenCount, Is.EqualTo(3 * 120), "the tokens of the proposals not chosen count too");
    }

    [Test]
    public async Task Search_with_OptoPrimeMulti_scores_its_candidates_on_validation_instead_of_asking_the_model_to_choose()
    {
        string[] proposals = ["Classify the ticket carefully.", Fixed, "Classify the ticket politely."];
        await using var server = Model(n => proposals[n % proposals.Length]);
        var chat = server.OpenAIClient();
        var agent = new TicketClassifier(chat);
        var optimizer = new OptoPrimeMulti(agent.TrainableParameters(), chat, new OptoPrimeMultiOptions { Candidates = 5 });
        var trainer = new Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket), new LabelGuide(), optimizer,
            new TrainerOptions { BatchSize = 4, Proposals = 3, Seed = 5 });

        var result = await trainer.TrainAsync(Tickets(4), Tickets(6, offset: 200));

        var step = result.Steps.Single();
        Assert.That(step.Candidates, Has.Count.EqualTo(4), "the current parameters and the three candidates the search asked for");
        Assert.That(step.Candidates.Skip(1).Select(c => c.Proposal!.Exchanges.Single().Purpose), Is.EquivalentTo(new[]
        {
            "candidate 1 (temperature 0)", "candidate 2 (temperature 0.5)", "candidate 3 (temperature 1)",
        }));
        Assert.That(server.Requests.Count(r => ChatCompletionsProtocol.ReadMessages(r.Body)[0].Text.Contains("choose the most promising", StringComparison.Ordinal)), Is.Zero);
        Assert.That(agent.Instruction, Is.EqualTo(Fixed));
        Assert.That(step.Usage.Optimizer.TotalTokenCount, Is.EqualTo(3 * 120));
    }

    [Test]
    public async Task The_trainer_gives_OPRO_the_guides_scores()
    {
        await using var server = Model();
        var chat = server.OpenAIClient();
        var agent = new TicketClassifier(chat);
        var optimizer = new Opro(agent.TrainableParameters(), chat);
        var trainer = new Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket), new LabelGuide(), optimizer,
            new TrainerOptions { BatchSize = 4, Epochs = 2, Seed = 5 });

        await trainer.TrainAsync(Tickets(4));

        var prompts = server.Requests.Select(r => ChatCompletionsProtocol.ReadMessages(r.Body)).Where(m => m[0].Text.Contains("#Solutions", StringComparison.Ordinal)).Select(m => m[^1].Text).ToList();
        Assert.That(prompts, Has.Count.EqualTo(2));
        Assert.That(prompts[0], Does.Contain("[1] score 0 (the current values)\n(string) TicketClassifier.Instruction=\"Classify the ticket.\""));
        Assert.That(prompts[1], Does.Contain("[1] score 0\n(string) TicketClassifier.Instruction=\"Classify the ticket.\"")
            .And.Contain($"[2] score 1 (the current values)\n(string) TicketClassifier.Instruction=\"{Fixed}\""), "each batch's mean score, lowest first");
    }

    [Test]
    public async Task Search_keeps_the_current_parameters_when_no_proposal_scores_better()
    {
        await using var server = Model(_ => "Classify the ticket carefully.");
        var (trainer, agent, _) = Create(server, new TrainerOptions { BatchSize = 4, Proposals = 2 });

        var result = await trainer.TrainAsync(Tickets(4), Tickets(3, offset: 300));

        var step = result.Steps.Single();
        Assert.That(step.Candidates.Single(c => c.Chosen).Proposal, Is.Null);
        Assert.That(step.Log.Proposal.NotSentReason, Does.StartWith("Search kept the current parameters"));
        Assert.That(agent.Instruction, Is.EqualTo("Classify the ticket."), "every candidate was undone");
        Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(Tickets(4)), "search needs a validation set");
    }

    [Test]
    public async Task Each_training_step_is_a_span_with_its_rollouts_and_the_optimizer_step_under_it()
    {
        var activities = new List<System.Diagnostics.Activity>();
        using var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(OptoTelemetry.SourceName).AddInMemoryExporter(activities).Build();
        await using var server = Model();
        var (trainer, _, _) = Create(server, new TrainerOptions { BatchSize = 3 });

        var result = await trainer.TrainAsync(Tickets(6));

        var steps = activities.Where(a => a.OperationName == "opto.training.step").ToList();
        Assert.That(steps.Select(a => a.GetTagItem("opto.step")), Is.EquivalentTo(new object[] { 1, 2 }));
        var first = steps.Single(a => (int)a.GetTagItem("opto.step")! == 1);
        var rollouts = activities.Where(a => a.OperationName == "opto.training.rollout" && a.ParentSpanId == first.SpanId).ToList();
        Assert.That(rollouts, Has.Count.EqualTo(3));
        Assert.That(rollouts.Select(r => r.GetTagItem("opto.outcome")), Is.All.EqualTo("incorrect"));
        Assert.That(activities.Count(a => a.OperationName == "opto.optimizer.step" && a.ParentSpanId == first.SpanId), Is.EqualTo(1));
        Assert.That(first.GetTagItem("opto.batch.score"), Is.EqualTo(result.Steps[0].Batch.MeanScore));
    }

    [Test]
    public async Task The_same_seed_and_model_give_the_same_run()
    {
        async Task<string> Run()
        {
            await using var server = Model();
            var (trainer, agent, _) = Create(server, new TrainerOptions { BatchSize = 3, Epochs = 2, Seed = 11, MaxParallelism = 3 });
            var result = await trainer.TrainAsync(Tickets(9), Tickets(3, offset: 50));
            return string.Join("|", result.Steps.Select(s => $"{s.Epoch}:{string.Join(",", s.Batch.Rollouts.Select(r => r.ExampleId + "=" + r.Output))}")) + "|" + agent.Instruction;
        }

        var first = await Run();
        var second = await Run();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain("1:").And.Contain("2:"));
    }

    [Test]
    public async Task Sixty_four_parallel_rollouts_each_record_only_their_own_calls()
    {
        await using var server = Model();
        var chat = server.OpenAIClient();
        var agent = new TicketClassifier(chat);
        var seen = new ConcurrentBag<(string Ticket, string[] Inputs)>();
        var trainer = new Trainer<string, string, string>(async (ticket, _) =>
        {
            var label = await agent.ClassifyAsync(ticket);
            seen.Add((ticket, [.. TraceScope.Current!.Graph.Nodes.OfType<InputNode>().Select(n => n.Value?.ToString() ?? "")]));
            return label;
        }, new LabelGuide(), new OptoPrime(agent.TrainableParameters(), chat), new TrainerOptions { MaxParallelism = 32 });

        var evaluation = await trainer.EvaluateAsync(Tickets(64));

        Assert.That(evaluation.Rollouts, Has.Count.EqualTo(64));
        Assert.That(seen, Has.Count.EqualTo(64));
        Assert.That(seen.All(s => s.Inputs.SequenceEqual([s.Ticket])), Is.True, "each graph holds its own ticket and no other");
    }

    [Test]
    public async Task A_rollout_that_throws_is_feedback_through_its_exception_node()
    {
        await using var server = Model();
        var (trainer, agent, _) = Create(server, new TrainerOptions { BatchSize = 3 });
        List<Example<string, string>> train = [.. Tickets(2), new("boom: refund", "billing", "exploding")];

        var result = await trainer.TrainAsync(train);

        var exploded = result.Steps[0].Batch.Rollouts.Single(r => r.ExampleId == "exploding");
        Assert.That(exploded.Error, Does.StartWith("InvalidOperationException: Cannot classify"));
        Assert.That((exploded.Judgement.Score, exploded.Judgement.Correct, exploded.FeedbackReached), Is.EqualTo((0.0, false, 1)));
        Assert.That(result.Steps[0].Log.Proposal.UserPrompt, Does.Contain("Cannot classify"), "the exception reached the optimizer's prompt");
        Assert.That(agent.Instruction, Is.EqualTo(Fixed));
    }

    [Test]
    public async Task Without_improvement_the_run_stops_early_and_the_best_parameters_come_back()
    {
        await using var server = Model(suggestion: "Classify the ticket carefully.");
        var (trainer, agent, _) = Create(server, new TrainerOptions { BatchSize = 2, Epochs = 3, Patience = 2 });

        var result = await trainer.TrainAsync(Tickets(6), Tickets(2, offset: 20));

        Assert.That(result.StoppedEarly, Is.True);
        Assert.That(result.Steps, Has.Count.EqualTo(2));
        Assert.That((result.BestStep, result.RestoredBest), Is.EqualTo((0, true)));
        Assert.That(agent.Instruction, Is.EqualTo("Classify the ticket."), "the parameters before training were the best");
    }

    [Test]
    public async Task Cancelling_leaves_the_parameters_of_the_last_applied_step()
    {
        await using var server = Model();
        var (trainer, agent, _) = Create(server, new TrainerOptions { BatchSize = 2 });
        using var cancellation = new CancellationTokenSource();

        Assert.That(async () => await trainer.TrainAsync(Tickets(8), progress: new SynchronousProgress<TrainingProgress>(_ => cancellation.Cancel()), cancellationToken: cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(agent.Instruction, Is.EqualTo(Fixed), "the first step was applied and stays");
    }

    [Test]
    public async Task Tokens_are_counted_by_who_spent_them_in_each_rollout_step_and_run()
    {
        await using var server = Model();
        // One client for the agent and the optimizer: only calls made inside a rollout count as the agent's.
        var chat = server.OpenAIClient().AsBuilder().UseTrainingUsage().Build();
        var agent = new TicketClassifier(chat);
        var optimizer = new OptoPrime(agent.TrainableParameters(), chat);
        var judge = new LambdaGuide<string, string, string>(async (example, output, token) =>
        {
            var answer = await chat.GetResponseAsync($"Is this right? {example.Input}", cancellationToken: token); // 10 in + 3 out, the guide's
            return new Judgement(output == example.Expected ? 1 : 0, $"Expected {example.Expected}; {answer.Text}", output == example.Expected);
        });
        var trainer = new Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket), judge, optimizer, new TrainerOptions { BatchSize = 3 });
        var progress = new List<TrainingProgress>();
        await agent.ClassifyAsync("outside: refund"); // outside any rollout: nobody's

        var result = await trainer.TrainAsync(Tickets(3), Tickets(2, offset: 30), new SynchronousProgress<TrainingProgress>(progress.Add));

        var step = result.Steps.Single();
        Assert.That(step.Batch.Rollouts.Select(r => (r.AgentUsage.TotalTokenCount, r.GuideUsage.TotalTokenCount)), Is.All.EqualTo(((long?)13, (long?)13)));
        Assert.That(step.Usage.Agent.InputTokenCount, Is.EqualTo(10 * (3 + 2)), "the batch's three rollouts and the validation's two");
        Assert.That(step.Usage.Guide.OutputTokenCount, Is.EqualTo(3 * (3 + 2)));
        Assert.That(step.Usage.Optimizer.TotalTokenCount, Is.EqualTo(120));
        Assert.That(result.Usage.Agent.TotalTokenCount, Is.EqualTo(13 * (2 + 3 + 2)), "initial validation, batch and validation");
        Assert.That(result.Usage.Total.TotalTokenCount, Is.EqualTo(13 * 14 + 120));
        Assert.That(progress.Single().Usage, Is.EqualTo(result.Usage).Using<TrainingUsage>((a, b) => a.ToString() == b.ToString()));
        Assert.That(result.Usage.ToString(), Does.StartWith("agent 70 in + 21 out = 91 tokens; guide"));
        Assert.That(result.Usage.ByModel.Keys, Is.EqualTo(new[] { "m" }), "every response named the model m");
        Assert.That(result.Usage.ByModel["m"].TotalTokenCount, Is.EqualTo(result.Usage.Total.TotalTokenCount));
    }

    [Test]
    public async Task An_llm_judge_counts_its_tokens_as_the_guides_without_being_wrapped()
    {
        await using var server = Model();
        await using var judgeServer = new FakeOpenAIServer();
        judgeServer.Answer("""{"score": 1, "critique": "Fine.", "correct": true}""", 40, 8);
        var chat = server.OpenAIClient();
        var agent = new TicketClassifier(chat);
        var judge = new LlmJudgeGuide<string, string, string>(judgeServer.OpenAIClient(), "One word, the right label.");
        var trainer = new Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket), judge, new OptoPrime(agent.TrainableParameters(), chat));

        var evaluation = await trainer.EvaluateAsync(Tickets(1));

        Assert.That(evaluation.Usage.Guide.TotalTokenCount, Is.EqualTo(48));
        Assert.That(evaluation.Usage.Agent.TotalTokenCount ?? 0, Is.Zero, "the agent's client counts nothing unless wrapped");
    }

    [Test]
    public async Task Bad_input_and_a_failing_guide_give_clear_errors()
    {
        await using var server = Model();
        var (trainer, _, optimizer) = Create(server, new TrainerOptions());
        var agent = new TicketClassifier(server.OpenAIClient());
        var failing = new Trainer<string, string, string>((t, _) => agent.ClassifyAsync(t), new ThrowingGuide(), optimizer);

        var empty = Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync([]));
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Trainer<string, string, string>((t, _) => agent.ClassifyAsync(t), new LabelGuide(), optimizer, new TrainerOptions { BatchSize = 0 }));
        var guide = Assert.ThrowsAsync<TrainingException>(() => failing.TrainAsync([new("refund please", "billing", "first-ticket")]));

        Assert.That(empty!.Message, Does.Contain("training set is empty"));
        Assert.That(batch!.Message, Does.Contain("batch size must be at least 1"));
        Assert.That(guide!.Message, Does.Contain("example first-ticket").And.Contain("judge is down"));

        var nan = new Trainer<string, string, string>((t, _) => agent.ClassifyAsync(t), new LambdaGuide<string, string, string>((_, _) => new Judgement(double.NaN, "?", false)), optimizer);
        var unusable = Assert.ThrowsAsync<TrainingException>(() => nan.EvaluateAsync([new("refund please", "billing", "nan-ticket")]));
        Assert.That(unusable!.Message, Does.Contain("example nan-ticket the score NaN: a score must be a finite number"));
    }

    private sealed class ThrowingGuide : IGuide<string, string, string>
    {
        public ValueTask<Judgement> JudgeAsync(Example<string, string> example, string output, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The judge is down.");
    }

    // Progress<T> posts to the thread pool; tests want the report to happen before the next step.
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
