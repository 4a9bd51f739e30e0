using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Opto;
using Opto.Optimizers;
using Opto.Runs;
using Opto.Training;

namespace Trace.Benchmarks;

/// <summary>
/// What keeping a run costs per step: committing a step of 32 rollouts whose graphs have 50 nodes each to the SQLite
/// run store (one transaction: the step's row, 32 rollouts, 32 graphs, prompts and parameters), and turning the 32
/// rollouts' graphs into the stored form (the trainer's share).
/// </summary>
[MemoryDiagnoser]
public class RunStoreBenchmarks
{
    private const int Rollouts = 32;
    private const int NodesPerGraph = 50;

    private string _directory = null!;
    private SqliteRunStore _store = null!;
    private StepCommit _step = null!;
    private TraceGraph[] _graphs = null!;
    private int _number;

    /// <summary>A store in a temporary directory, one step's data, and 32 recorded graphs of 50 nodes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "opto-bench-runs-" + Guid.NewGuid().ToString("N")[..8]);
        _store = SqliteRunStore.Open(_directory);
        var instruction = new Parameter<string>("Answer the customer in one short paragraph.", "Agent.Instruction");
        _graphs = [.. Enumerable.Range(0, Rollouts).Select(i => Record(instruction, i))];
        var graphs = _graphs.Select((g, i) => GraphRecord.From($"#{i}", g.Nodes[^1])).ToList();
        Console.WriteLine($"// graph size: {graphs[0].Nodes.Count} nodes, {System.Text.Json.JsonSerializer.Serialize(graphs[0].Nodes).Length} bytes as JSON");
        var usage = new UsageDetails { InputTokenCount = 900, OutputTokenCount = 60, TotalTokenCount = 960 };
        var rollouts = Enumerable.Range(0, Rollouts).Select(i => new RolloutResult($"#{i}", new string('o', 120), null,
            new Judgement(i % 2, "Expected the refund policy to be quoted; the answer did not mention it.", i % 2 == 1), 1, usage, new UsageDetails())).ToList();
        var parameters = ParameterStore.ToJson([instruction]);
        var prompt = new string('p', 6_000);
        var record = new StepRecord(1, new ProposalRecord("system " + prompt, "user " + prompt, "{\"reasoning\": \"...\"}", "...", null, [], [], false, [], usage), [], []);
        _step = new StepCommit(1, 1, 1, new Evaluation(rollouts), new Evaluation(rollouts[..8]), record, [], parameters, parameters,
            new TrainingUsage(usage, new UsageDetails(), usage), TimeSpan.FromSeconds(3), graphs, new TrainerState(0, 0, false, new System.Text.Json.Nodes.JsonObject { ["optimizer"] = "OptoPrime" }));
        _store.StartAsync(new RunDescription("minibatch", [], "OptoPrime", "00000000000000", Rollouts, 8, [new ParameterSignature("Agent.Instruction", "string")], parameters), default)
            .AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Closes and deletes the store.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One step committed: its row, 32 rollouts, 8 validation rollouts and 32 graphs of 50 nodes, in one transaction.</summary>
    [Benchmark(Description = "commit a step (32 rollouts x 50 nodes)")]
    public ValueTask Commit() => _store.CommitStepAsync(_step with { Number = ++_number }, default);

    /// <summary>The 32 rollouts' graphs turned into the stored form.</summary>
    [Benchmark(Description = "record 32 graphs of 50 nodes")]
    public int RecordGraphs()
    {
        var nodes = 0;
        for (var i = 0; i < _graphs.Length; i++) nodes += GraphRecord.From("#", _graphs[i].Nodes[^1]).Nodes.Count;
        return nodes;
    }

    // A rollout of 48 traced calls from the instruction and a number: 50 nodes with the number's input node and the instruction.
    private static TraceGraph Record(Parameter<string> instruction, int seed)
    {
        using var scope = TraceScope.Begin();
        var text = StoreSubjects.Start(instruction.Value, seed);
        for (var i = 0; i < 47; i++) text = StoreSubjects.Step(text);
        return scope.Graph;
    }
}

/// <summary>Traced calls whose graph the store benchmark records.</summary>
public static class StoreSubjects
{
    /// <summary>Starts a rollout's text.</summary>
    [Traced]
    public static string Start(string instruction, int seed) => $"{instruction} #{seed}";

    /// <summary>One step of work on the text.</summary>
    [Traced]
    public static string Step(string text) => text.Length > 90 ? text[..60] : text + " and more";
}
