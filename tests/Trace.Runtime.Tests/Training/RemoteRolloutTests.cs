using System.Text.Json;
using Opto;
using Opto.Optimizers;
using Opto.Training;
using Opto.Training.Remote;
using OpenTelemetry.Trace;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests.Training;

/// <summary>
/// Rollouts sent as data to a rollout host (through JSON text, as any transport carries them) and their graphs rebuilt
/// on the trainer's parameters: the optimizer sees exactly the problems it sees with rollouts run in process.
/// </summary>
[NonParallelizable]
public class RemoteRolloutTests
{
    [Test]
    public async Task Training_through_a_host_takes_the_same_steps_and_prompts_as_training_in_process()
    {
        var (localPrompts, localInstruction, _) = await TrainAsync(remote: false);
        var (remotePrompts, remoteInstruction, result) = await TrainAsync(remote: true);

        Assert.That(remotePrompts, Is.EqualTo(localPrompts));
        Assert.That(localPrompts, Has.Count.EqualTo(3));
        Assert.That(localPrompts[0], Does.Contain("classify0 = ClassifyAsync(ticket=ticket0)").And.Contain("Expected the single word"));
        Assert.That(remoteInstruction, Is.EqualTo(localInstruction).And.EqualTo(TrainerTests.Fixed));
        Assert.That(result.Steps.SelectMany(s => s.Batch.Rollouts).Select(r => r.RanOn), Is.All.EqualTo("host-a"));
        Assert.That(result.Steps[0].Batch.Rollouts.Select(r => r.FeedbackReached), Is.All.EqualTo(1));
    }

    [Test]
    public async Task A_send_that_fails_is_sent_again_and_each_outcome_is_taken_once()
    {
        await using var server = TrainerTests.Model();
        var (host, trainer, _) = Create(server, out var transport);
        transport.FailFirstAttemptOf = ["#1", "#3"];

        var evaluation = await trainer.EvaluateAsync(TrainerTests.Tickets(4));

        Assert.That(evaluation.Rollouts.Select(r => r.ExampleId), Is.EqualTo(new[] { "#0", "#1", "#2", "#3" }));
        Assert.That(transport.Sent.Order(), Is.EqualTo(new[] { "#0", "#1", "#1", "#2", "#3", "#3" }), "the two that failed went twice");
        Assert.That(transport.Resent, Is.EqualTo(2));
        Assert.That(evaluation.Rollouts.All(r => r.Output is "i think this is about billing." or "i think this is about technical." or "i think this is about other."), Is.True);
        _ = host;
    }

    [Test]
    public async Task A_rollout_over_its_time_limit_is_cancelled_and_reported_and_the_others_count()
    {
        await using var server = TrainerTests.Model();
        var (_, trainer, _) = Create(server, out var transport, timeLimit: TimeSpan.FromMilliseconds(300));
        transport.Stall = "#2";

        var evaluation = await trainer.EvaluateAsync(TrainerTests.Tickets(3));

        var late = evaluation.Rollouts.Single(r => r.ExampleId == "#2");
        Assert.That(late.Error, Does.StartWith("TimeoutException: The rollout did not finish within its time limit of 0.3 s"));
        Assert.That((late.Judgement.Score, late.FeedbackReached, late.RanOn), Is.EqualTo((0.0, 0, "(not finished: time limit)")));
        Assert.That(evaluation.Rollouts.Where(r => r.ExampleId != "#2").Select(r => r.RanOn), Is.All.EqualTo("host-a"));
    }

    [Test]
    public async Task An_agent_no_host_knows_stops_the_run_with_the_host_s_words()
    {
        await using var server = TrainerTests.Model();
        var (_, trainer, _) = Create(server, out _, agent: "missing");

        var error = Assert.ThrowsAsync<TrainingException>(() => trainer.EvaluateAsync(TrainerTests.Tickets(1)));

        Assert.That(error!.Message, Does.Contain("No agent is registered as 'missing' on host-a"));
    }

    [Test]
    public async Task A_host_takes_the_values_of_the_parameters_trained_and_refuses_values_for_parameters_its_agent_lacks()
    {
        await using var server = TrainerTests.Model();
        var chat = server.OpenAIClient();
        var instructions = new System.Collections.Concurrent.ConcurrentBag<string>();
        var host = new RolloutHost("host-a").Add("tickets", () =>
        {
            var remoteAgent = new TicketClassifier(chat) { Instruction = "The host's own instruction." };
            return new RemoteAgent<string, string, string>(remoteAgent.TrainableParameters(), async (t, _) =>
            {
                instructions.Add(remoteAgent.Instruction);
                return await remoteAgent.ClassifyAsync(t);
            }, new LabelGuide());
        });
        var trained = new Parameter<string>("Sent by the trainer.", "TicketClassifier.Instruction");
        var foreign = new Parameter<string>("x", "Someone.Else");
        var local = new TicketClassifier(chat);
        Trainer<string, string, string> Over(params ParameterNode[] parameters) => new((t, _) => local.ClassifyAsync(t), new LabelGuide(),
            new OptoPrime(parameters, chat), new TrainerOptions { Executor = new JsonTransport(host, "tickets", 2) });

        await Over(trained).EvaluateAsync(TrainerTests.Tickets(2));
        var error = Assert.ThrowsAsync<TrainingException>(() => Over(trained, foreign).EvaluateAsync(TrainerTests.Tickets(1)));

        Assert.That(instructions, Is.All.EqualTo("Sent by the trainer."));
        Assert.That(error!.Message, Does.Contain("'Someone.Else' is in the file but is not one of the parameters being loaded"));
    }

    [Test]
    public async Task Malformed_requests_get_a_failure_reply_that_names_the_problem_and_never_an_exception()
    {
        await using var server = TrainerTests.Model();
        var chat = server.OpenAIClient();
        var host = new RolloutHost("host-a")
            .Add("tickets", () =>
            {
                var remoteAgent = new TicketClassifier(chat);
                return new RemoteAgent<string, string, string>(remoteAgent.TrainableParameters(), (t, _) => remoteAgent.ClassifyAsync(t), new LabelGuide());
            })
            .Add<string, string, string>("broken", () => throw new InvalidOperationException("no model configured"));
        var values = ParameterStore.ToJson(new TicketClassifier(chat).TrainableParameters());
        const string example = """{"input": "refund please", "expected": "billing", "id": "e1"}""";

        var replies = new[]
        {
            await host.RunAsync(new RolloutRequest("tickets", "not json", example), default),
            await host.RunAsync(new RolloutRequest("tickets", "[1]", example), default),
            await host.RunAsync(new RolloutRequest("tickets", values.Replace("\"string\"", "5", StringComparison.Ordinal), example), default),
            await host.RunAsync(new RolloutRequest("tickets", values, """{"input": "refund please"}"""), default),
            await host.RunAsync(new RolloutRequest("tickets", values, """{"input": 12, "expected": "billing"}"""), default),
            await host.RunAsync(new RolloutRequest("broken", values, example), default),
        };

        Assert.That(replies.Select(r => r.Failure), Has.All.Not.Null);
        Assert.That(replies[0].Failure, Does.Contain("parameter values sent to host-a could not be taken").Or.Contain("not valid JSON"));
        Assert.That(replies[3].Failure, Does.Contain("lacks its \"input\" or its \"expected\""));
        Assert.That(replies[4].Failure, Does.Contain("could not be read as String and String"));
        Assert.That(replies[5].Failure, Does.Contain("could not be made on host-a: InvalidOperationException: no model configured"));
        var fine = await host.RunAsync(new RolloutRequest("tickets", values, example), default);
        Assert.That((fine.Failure, fine.Graph is not null), Is.EqualTo(((string?)null, true)), "the host still runs good requests");
    }

    [Test]
    public async Task Parameter_values_travel_once_per_host_and_version()
    {
        await using var server = TrainerTests.Model();
        var chat = server.OpenAIClient();
        RolloutHost Host(string name) => new RolloutHost(name).Add("tickets", () =>
        {
            var remoteAgent = new TicketClassifier(chat);
            return new RemoteAgent<string, string, string>(remoteAgent.TrainableParameters(), (t, _) => remoteAgent.ClassifyAsync(t), new LabelGuide());
        });
        var local = new TicketClassifier(chat);
        var transport = new JsonTransport([Host("host-a"), Host("host-b")], "tickets", 1);
        var trainer = new Trainer<string, string, string>((t, _) => local.ClassifyAsync(t), new LabelGuide(), new OptoPrime(local.TrainableParameters(), chat),
            new TrainerOptions { Executor = transport });

        var first = await trainer.EvaluateAsync(TrainerTests.Tickets(6));
        var sentFirst = transport.ValuesSent;
        local.Instruction = TrainerTests.Fixed; // a new version
        var second = await trainer.EvaluateAsync(TrainerTests.Tickets(6));

        Assert.That(sentFirst, Is.EqualTo(2), "host-a got them with the first rollout, host-b when it asked");
        Assert.That(transport.ValuesSent, Is.EqualTo(4), "the new values once more to each host, not with each of the 12 rollouts");
        Assert.That(first.Rollouts.Select(r => r.RanOn).Distinct().Order(), Is.EqualTo(new[] { "host-a", "host-b" }));
        Assert.That(second.Rollouts.Select(r => r.Output), Is.All.AnyOf("billing", "technical", "other"), "the hosts ran with the new instruction");
    }

    [Test]
    public async Task The_host_s_spans_join_the_trainer_s_trace()
    {
        var activities = new List<System.Diagnostics.Activity>();
        using var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(OptoTelemetry.SourceName).AddInMemoryExporter(activities).Build();
        await using var server = TrainerTests.Model();
        var (_, trainer, _) = Create(server, out _);

        await trainer.TrainAsync(TrainerTests.Tickets(2));

        var step = activities.Single(a => a.OperationName == "opto.training.step");
        var remote = activities.Where(a => a.OperationName == "opto.training.remote_rollout").ToList();
        Assert.That(remote, Has.Count.EqualTo(2));
        Assert.That(remote.Select(a => a.TraceId), Is.All.EqualTo(step.TraceId));
        Assert.That(remote.Select(a => a.ParentSpanId), Is.All.EqualTo(step.SpanId));
        var rollouts = activities.Where(a => a.OperationName == "opto.training.rollout").ToList();
        Assert.That(rollouts.Select(r => r.ParentSpanId), Is.EquivalentTo(remote.Select(a => a.SpanId)), "each rollout runs under its remote span");
    }

    // Trains the classifier in process or through a host; returns the optimizer's prompts and the final instruction.
    private static async Task<(List<string> Prompts, string Instruction, TrainingResult Result)> TrainAsync(bool remote)
    {
        await using var server = TrainerTests.Model(n => n == 0 ? "Classify the ticket carefully." : TrainerTests.Fixed);
        var chat = server.OpenAIClient();
        var agent = new TicketClassifier(chat);
        var optimizer = new OptoPrime(agent.TrainableParameters(), chat, new OptoPrimeOptions { MemorySize = 2 });
        IRolloutExecutor? executor = null;
        if (remote)
        {
            var host = new RolloutHost("host-a").Add("tickets", () =>
            {
                var remoteAgent = new TicketClassifier(chat);
                return new RemoteAgent<string, string, string>(remoteAgent.TrainableParameters(), (t, _) => remoteAgent.ClassifyAsync(t), new LabelGuide());
            });
            executor = new JsonTransport(host, "tickets", 4);
        }

        var trainer = new Trainer<string, string, string>((t, _) => agent.ClassifyAsync(t), new LabelGuide(), optimizer,
            new TrainerOptions { BatchSize = 3, Seed = 4, Executor = executor });
        var result = await trainer.TrainAsync(TrainerTests.Tickets(9), TrainerTests.Tickets(3, offset: 40));
        return ([.. optimizer.Log.Select(s => s.Proposal.UserPrompt)], agent.Instruction, result);
    }

    private static (RolloutHost Host, Trainer<string, string, string> Trainer, TicketClassifier Agent) Create(
        FakeOpenAIServer server, out JsonTransport transport, TimeSpan? timeLimit = null, string agent = "tickets")
    {
        var chat = server.OpenAIClient();
        var local = new TicketClassifier(chat);
        var host = new RolloutHost("host-a").Add("tickets", () =>
        {
            var remoteAgent = new TicketClassifier(chat);
            return new RemoteAgent<string, string, string>(remoteAgent.TrainableParameters(), (t, _) => remoteAgent.ClassifyAsync(t), new LabelGuide());
        });
        transport = new JsonTransport(host, agent, 4) { TimeLimit = timeLimit };
        var trainer = new Trainer<string, string, string>((t, _) => local.ClassifyAsync(t), new LabelGuide(), new OptoPrime(local.TrainableParameters(), chat),
            new TrainerOptions { BatchSize = 2, Executor = transport });
        return (host, trainer, local);
    }

    // Carries each request and reply as JSON text, and can fail or stall on chosen examples.
    internal sealed class JsonTransport(RolloutHost[] hosts, string agent, int parallelism) : RemoteRolloutExecutor(agent, parallelism)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _sent = [];
        private int _next = -1;

        public JsonTransport(RolloutHost host, string agent, int parallelism)
            : this([host], agent, parallelism)
        {
        }

        public string[] FailFirstAttemptOf { get; set; } = [];

        public string? Stall { get; set; }

        public IEnumerable<string> Sent => _sent;

        protected override async Task<RolloutReply> SendAsync(RolloutRequest request, RolloutSend send, CancellationToken cancellationToken)
        {
            var attempt = send.Attempt;
            var id = JsonDocument.Parse(request.Example).RootElement.GetProperty("id").GetString()!;
            _sent.Add(id);
            if (attempt == 1 && FailFirstAttemptOf.Contains(id)) throw new IOException($"The connection to the host broke while sending {id}.");
            if (id == Stall) await Task.Delay(Timeout.Infinite, cancellationToken);
            var carried = JsonSerializer.Deserialize<RolloutRequest>(JsonSerializer.Serialize(request))!;
            var host = send is { ToSameTarget: true, Target: RolloutHost same } ? same : hosts[(int)((uint)Interlocked.Increment(ref _next) % (uint)hosts.Length)];
            send.Target = host;
            var reply = await host.RunAsync(carried, cancellationToken);
            return JsonSerializer.Deserialize<RolloutReply>(JsonSerializer.Serialize(reply))!;
        }
    }
}
