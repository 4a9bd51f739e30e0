using OpenTelemetry.Trace;
using Opto;
using Opto.Code;
using Opto.Optimizers;
using Opto.Testing;
using Opto.Training;
using Opto.Training.Remote;
using Trace.Runtime.Tests.Optimizers;

namespace Trace.Runtime.Tests.Training;

/// <summary>A greeter whose greeting and whose decorating code are trained.</summary>
public class RemoteGreeter
{
    [Trainable("The greeting.")]
    public string Greeting { get; set; } = "hello";

    /// <summary>Greets someone by name.</summary>
    [Traced]
    public Task<string> GreetAsync(string name) => Task.FromResult(Decorate($"{Greeting} {name}"));

    /// <summary>Decorates a greeting.</summary>
    [Trainable]
    public static string Decorate(string text) => text;
}

/// <summary>A method's code trained with the rollouts on a host: the code goes as source and the prompts stay the same.</summary>
[NonParallelizable]
public class RemoteCodeTests
{
    private static readonly string[] s_code =
    [
        "/// <summary>Decorates a greeting.</summary>\\npublic static string Decorate(string text) => text.ToUpperInvariant();",
        "/// <summary>Decorates a greeting.</summary>\\npublic static string Decorate(string text) => text.ToUpperInvariant() + \\\"!\\\";",
    ];

    [Test]
    public async Task Code_trained_through_a_host_takes_the_same_steps_as_code_trained_in_process()
    {
        var code = new RemoteGreeter().TrainableParameters().OfType<CodeParameter>().Single();
        try
        {
            code.Reset();
            var local = await TrainAsync(remote: false);
            code.Reset();
            var remote = await TrainAsync(remote: true);

            Assert.That(remote.Prompts, Is.EqualTo(local.Prompts));
            Assert.That(local.Prompts[1], Does.Contain("text.ToUpperInvariant()"), "the second prompt shows the code the first step wrote");
            Assert.That(remote.Outputs, Is.EqualTo(local.Outputs));
            Assert.That(local.Outputs[^1], Is.EqualTo("HELLO ANA!"));
        }
        finally
        {
            code.Reset();
        }
    }

    [Test]
    public async Task A_host_compiles_each_version_of_the_code_once_however_many_rollouts_run_it()
    {
        var code = new RemoteGreeter().TrainableParameters().OfType<CodeParameter>().Single();
        code.Reset();
        var activities = new List<System.Diagnostics.Activity>();
        using var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(OptoTelemetry.SourceName).AddInMemoryExporter(activities).Build();
        try
        {
            await using var server = new FakeOpenAIServer { Fallback = _ => new LoopbackResponse(200, ChatCompletionsProtocol.Completion("unused", "m", 1, 1)) };
            var host = new RolloutHost("host-a").Add("greeter", () =>
            {
                var remoteGreeter = new RemoteGreeter();
                return new RemoteAgent<string, string, string>(remoteGreeter.TrainableParameters(), (name, _) => remoteGreeter.GreetAsync(name), new ExactMatchGuide<string, string>());
            });
            // The trainer holds the code as a plain value: only the host installs it, so only the host compiles.
            var greeting = new Parameter<string>("hello", "RemoteGreeter.Greeting");
            var source = new Parameter<string>((string)code.Value!, "RemoteGreeter.Decorate");
            var trainer = new Trainer<string, string, string>((name, _) => Task.FromResult(name), new ExactMatchGuide<string, string>(),
                new OptoPrime([greeting, source], server.OpenAIClient()), new TrainerOptions { MaxParallelism = 4, Executor = new RemoteRolloutTests.JsonTransport(host, "greeter", 4) });
            var examples = Enumerable.Range(0, 8).Select(i => new Example<string, string>("Ana", "HELLO ANA", $"#{i}")).ToList();

            var first = await trainer.EvaluateAsync(examples);
            source.SetValue(s_code[0].Replace("\\n", "\n", StringComparison.Ordinal));
            var second = await trainer.EvaluateAsync(examples);
            var third = await trainer.EvaluateAsync(examples);
            source.SetValue(s_code[1].Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal));
            var fourth = await trainer.EvaluateAsync(examples);

            Assert.That(first.Rollouts.Select(r => r.Output), Is.All.EqualTo("hello Ana"));
            Assert.That(second.Rollouts.Concat(third.Rollouts).Select(r => r.Output), Is.All.EqualTo("HELLO ANA"));
            Assert.That(fourth.Rollouts.Select(r => r.Output), Is.All.EqualTo("HELLO ANA!"));
            Assert.That(activities.Count(a => a.OperationName == "opto.code.compile"), Is.EqualTo(2), "two versions, 32 rollouts, two compilations");
        }
        finally
        {
            code.Reset();
        }
    }

    private static async Task<(List<string> Prompts, List<string?> Outputs)> TrainAsync(bool remote)
    {
        var step = 0;
        await using var server = new FakeOpenAIServer
        {
            Fallback = _ => new LoopbackResponse(200, ChatCompletionsProtocol.Completion(
                $$$"""{"reasoning": "Shout it.", "answer": null, "suggestion": {"RemoteGreeter.Decorate": "{{{s_code[Math.Min(step++, s_code.Length - 1)]}}}"}}""", "m", 10, 5)),
        };
        var greeter = new RemoteGreeter();
        var optimizer = new OptoPrime(greeter.TrainableParameters(), server.OpenAIClient());
        var guide = new ExactMatchGuide<string, string>(incorrectFeedback: "Expected {expected}, got {output}.");
        var host = new RolloutHost("host-a").Add("greeter", () =>
        {
            var remoteGreeter = new RemoteGreeter();
            return new RemoteAgent<string, string, string>(remoteGreeter.TrainableParameters(), (name, _) => remoteGreeter.GreetAsync(name), guide);
        });
        var trainer = new Trainer<string, string, string>((name, _) => greeter.GreetAsync(name), guide, optimizer,
            new TrainerOptions { BatchSize = 1, Executor = remote ? new RemoteRolloutTests.JsonTransport(host, "greeter", 1) : null });
        var outputs = new List<string?>();
        var examples = new List<Example<string, string>> { new("Ana", "HELLO ANA!", "a"), new("Ana", "HELLO ANA!", "b"), new("Ana", "HELLO ANA!", "c") };
        var result = await trainer.TrainAsync(examples);
        outputs.AddRange(result.Steps.Select(s => s.Batch.Rollouts[0].Output));
        return ([.. optimizer.Log.Select(s => s.Proposal.UserPrompt)], outputs);
    }
}
