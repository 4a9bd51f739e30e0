using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// Backward on graphs of random shape, against the definition computed the slow way: a parameter's subgraph is every
/// node that depends on it (itself included) and those nodes' parents, parents before children; the problem shows
/// the union of the subgraphs of the parameters it trains, each node once.
/// </summary>
public class GraphShapeTests
{
    [Test]
    public void Every_parameters_subgraph_matches_its_definition_on_random_graphs([Range(1, 12)] int seed)
    {
        var random = new Random(seed);
        var parameters = Enumerable.Range(0, random.Next(1, 12)).Select(i => new Parameter<string>("p" + i, "P" + i)).ToList();
        using var scope = TraceScope.Begin();
        var output = RandomProgram(random, parameters);
        var outputNode = scope.Graph.NodeOf(output)!;

        var result = outputNode.Backward("feedback");

        var ancestry = AncestryOf(outputNode);
        Assert.That(result.Parameters, Is.EquivalentTo(parameters.Where(ancestry.Contains)));
        foreach (var parameter in result.Parameters)
        {
            var graph = parameter.Feedback.Single().Graph;
            Assert.That(graph.Nodes, Is.EquivalentTo(Definition(ancestry, parameter)), $"seed {seed}, {parameter.Name}");
            Assert.That(graph.Nodes, Is.Unique);
            AssertParentsFirst(graph.Nodes);
        }
    }

    [Test]
    public void The_problem_shows_the_union_of_the_trained_parameters_subgraphs_once([Range(1, 8)] int seed)
    {
        var random = new Random(seed);
        var parameters = Enumerable.Range(0, random.Next(2, 10)).Select(i => new Parameter<string>("p" + i, "P" + i)).ToList();
        using var scope = TraceScope.Begin();
        var outputNode = scope.Graph.NodeOf(RandomProgram(random, parameters))!;
        outputNode.Backward("feedback");
        var trained = parameters.Where((_, i) => i % 2 == 0).ToList();
        var ancestry = AncestryOf(outputNode);

        var problem = new OptoPrime(trained, new NoChat()).BuildProblem();

        var expected = trained.Where(ancestry.Contains).SelectMany(p => Definition(ancestry, p)).Append(outputNode).Distinct().ToList();
        // A call is shown as code when all it was computed from is shown; otherwise its value is an input.
        var calls = expected.Where(n => n is MessageNode or CollectionNode && n.Parents.All(expected.Contains)).Select(n => n.Name).OrderBy(n => n, StringComparer.Ordinal);
        var codeLines = problem.Code.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf(" = ", StringComparison.Ordinal)]);
        Assert.That(codeLines.OrderBy(n => n, StringComparer.Ordinal), Is.EqualTo(calls), $"seed {seed}");
        var shownCalls = problem.Code.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf(" = ", StringComparison.Ordinal)]).ToList();
        Assert.That(shownCalls, Is.Unique);
        foreach (var parameter in trained.Where(ancestry.Contains)) Assert.That(problem.Variables, Does.Contain(parameter.Name + "="));
        foreach (var parameter in parameters.Except(trained).Where(p => expected.Contains(p)))
        {
            Assert.That(problem.Inputs, Does.Contain(parameter.Name + "="), "an untrained parameter a shown call reads is an input");
        }
    }

    [Test]
    public void A_wide_fan_in_gives_each_parameter_only_its_own_path()
    {
        var parameters = Enumerable.Range(0, 300).Select(i => new Parameter<string>("v" + i, "Item" + i)).ToList();
        using var scope = TraceScope.Begin();
        var total = new string('t', 1);
        foreach (var parameter in parameters) total = Mixer.MixIn(total, parameter);
        var output = scope.Graph.NodeOf(total)!;

        var result = output.Backward("feedback");

        Assert.That(result.Parameters, Has.Count.EqualTo(300));
        // Item k is read by call k: its subgraph is calls k..299, their other parents (call k-1 and items k+1..299), and itself.
        var slice = parameters[250].Feedback.Single().Graph.Nodes;
        Assert.That(slice, Has.Count.EqualTo(50 + 49 + 1 + 1));
        var calls = scope.Graph.Nodes.OfType<MessageNode>().ToList();
        Assert.That(slice, Does.Contain(calls[249]).And.Not.Contain(calls[248]).And.Not.Contain(parameters[249]));
        Assert.That(slice[^1], Is.SameAs(output));
    }

    [Test]
    public void A_pass_over_many_thousands_of_nodes_keeps_every_parameter_in_order_with_its_own_path()
    {
        // 20,000 parameters and 20,000 calls: the pass keeps its nodes and parameters in several chunks of 8,192.
        const int count = 20_000;
        var parameters = Enumerable.Range(0, count).Select(i => new Parameter<string>("w" + i, "W" + i)).ToList();
        using var scope = TraceScope.Begin();
        var total = new string('t', 1);
        foreach (var parameter in parameters) total = Mixer.MixIn(total, parameter);
        var output = scope.Graph.NodeOf(total)!;

        var result = output.Backward("feedback");

        Assert.That(result.VisitedNodes, Is.EqualTo((2 * count) + 1), "the calls (the last one is the output), the parameters and the first input");
        Assert.That(result.Parameters, Is.EqualTo(parameters), "every parameter, in the order the program read them");
        var calls = scope.Graph.Nodes.OfType<MessageNode>().ToList();
        foreach (var k in new[] { 0, 8_191, 8_192, 16_383, 16_384, count - 1 })
        {
            // Item k is read by call k: its subgraph is calls k.., their other parents (call k-1, later items), and itself.
            var slice = parameters[k].Feedback.Single().Graph.Nodes;
            var expected = count - k + (count - k - 1) + 1 + 1;
            Assert.That(slice, Has.Count.EqualTo(expected), $"parameter {k}");
            Assert.That(slice, Does.Contain(calls[k]).And.Contain(parameters[k]), $"parameter {k}");
            if (k > 0) Assert.That(slice, Does.Not.Contain(parameters[k - 1]), $"parameter {k}");
            Assert.That(slice[^1], Is.SameAs(output));
        }
    }

    [Test]
    public void Nodes_of_other_graphs_at_the_same_indices_are_each_visited_once()
    {
        // Two graphs' nodes hold the same indices (0, 1, 2); one node's index is past the output's (a stale one).
        var p = new Parameter<string>("p", "P");
        var a0 = Glue("a0", 0, p);
        var a1 = Glue("a1", 1, a0);
        var stale = Glue("stale", 50, p);
        var b0 = Glue("b0", 0, p);
        var b1 = Glue("b1", 1, b0, a1);
        var b2 = Glue("b2", 2, b1, a0, stale);

        var result = b2.Backward("feedback");

        Assert.That(result.VisitedNodes, Is.EqualTo(7));
        var nodes = p.Feedback.Single().Graph.Nodes;
        Assert.That(nodes, Is.EquivalentTo(new Node[] { p, a0, a1, stale, b0, b1, b2 }));
        AssertParentsFirst(nodes);
        var again = b2.Backward("again");
        Assert.That(again.VisitedNodes, Is.EqualTo(7), "the pooled arrays were left clean");
    }

    private static GlueNode Glue(string name, int index, params Node[] sources) =>
        new(name, 0, name + "()", new string('g', 1), typeof(string), sources) { GraphIndex = index };

    private static string RandomProgram(Random random, List<Parameter<string>> parameters)
    {
        var values = new List<string> { new('x', 1), new('y', 1) };
        var steps = random.Next(5, 40);
        for (var i = 0; i < steps; i++)
        {
            var a = values[random.Next(values.Count)];
            var next = random.Next(3) switch
            {
                0 => Mixer.Mix(a, values[random.Next(values.Count)]),
                1 => Mixer.MixIn(a, parameters[random.Next(parameters.Count)]),
                _ => Mixer.MixAll(a, [.. parameters.Where(_ => random.Next(4) == 0)]),
            };
            values.Add(next);
        }

        // The output reads most values, so most of the graph is its ancestry.
        var output = values[^1];
        for (var i = values.Count - 2; i >= 0; i -= 3) output = Mixer.Mix(output, values[i]);
        return output;
    }

    private static HashSet<Node> AncestryOf(Node output)
    {
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance) { output };
        var pending = new Stack<Node>([output]);
        while (pending.Count > 0)
        {
            foreach (var parent in pending.Pop().Parents)
            {
                if (seen.Add(parent)) pending.Push(parent);
            }
        }

        return seen;
    }

    private static List<Node> Definition(HashSet<Node> ancestry, ParameterNode parameter)
    {
        var dependents = ancestry.Where(n => AncestryOf(n).Contains(parameter)).ToList();
        return [.. dependents.Concat(dependents.SelectMany(n => n.Parents)).Distinct()];
    }

    private static void AssertParentsFirst(IReadOnlyList<Node> nodes)
    {
        var position = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++) position[nodes[i]] = i;
        foreach (var node in nodes)
        {
            foreach (var parent in node.Parents)
            {
                if (position.TryGetValue(parent, out var p)) Assert.That(p, Is.LessThan(position[node]), $"{parent.Name} before {node.Name}");
            }
        }
    }
}
