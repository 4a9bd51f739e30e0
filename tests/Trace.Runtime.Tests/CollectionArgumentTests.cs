using Opto;
using Opto.Optimizers;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

public class CollectionArgumentTests
{
    [Test]
    public void Each_element_of_a_list_that_came_from_a_traced_call_is_a_parent()
    {
        var retriever = new Retriever();
        using var scope = TraceScope.Begin();
        var first = retriever.Find(new string('a', 1));
        var second = retriever.Find(new string('b', 1));
        var plain = new string('p', 3);

        var joined = Merger.Join(new List<string> { first, plain, second });

        var join = (MessageNode)scope.Graph.NodeOf(joined)!;
        var texts = (CollectionNode)join.Inputs.Single().Value;
        Assert.That(texts.Elements, Is.EqualTo(new[] { scope.Graph.NodeOf(first), scope.Graph.NodeOf(second) }));
        Assert.That(texts.Count, Is.EqualTo(3));
        Assert.That(texts.Name, Is.EqualTo("texts0"));
    }

    [Test]
    public void Arrays_dictionaries_and_tuples_link_their_elements()
    {
        var retriever = new Retriever();
        using var scope = TraceScope.Begin();
        var a = retriever.Find(new string('a', 1));
        var b = retriever.Find(new string('b', 1));

        var fromArray = Merger.JoinArray([a, b]);
        var fromDictionary = Merger.JoinValues(new Dictionary<string, string> { ["first"] = a, ["second"] = b });
        var fromTuple = Merger.JoinPair((a, b));

        var expected = new[] { scope.Graph.NodeOf(a), scope.Graph.NodeOf(b) };
        foreach (var result in new[] { fromArray, fromDictionary, fromTuple })
        {
            var input = ((MessageNode)scope.Graph.NodeOf(result)!).Inputs.Single().Value;
            Assert.That(input.Parents, Is.EqualTo(expected), result);
        }
    }

    [Test]
    public void Feedback_on_a_wide_fan_in_reaches_every_parameter_in_the_list()
    {
        var parameters = Enumerable.Range(0, 50).Select(i => new Parameter<int>(i, "weight" + i)).ToList();
        using var scope = TraceScope.Begin();

        var total = Merger.Sum(parameters);
        var node = scope.Graph.Nodes.OfType<MessageNode>().Single();

        var reached = node.Backward("Too high.").Parameters;
        Assert.That(total, Is.EqualTo(Enumerable.Range(0, 50).Sum()));
        Assert.That(reached, Is.EquivalentTo(parameters));
    }

    [Test]
    public void A_lazy_sequence_is_never_enumerated_by_tracing()
    {
        var enumerations = 0;
        IEnumerable<string> Lazy()
        {
            enumerations++;
            yield return new string('x', 1);
        }

        using var scope = TraceScope.Begin();
        var joined = Merger.JoinSequence(Lazy());

        Assert.That(joined, Is.EqualTo("x"));
        Assert.That(enumerations, Is.EqualTo(1), "only the method itself enumerated it");
        Assert.That(((MessageNode)scope.Graph.NodeOf(joined)!).Inputs.Single().Value, Is.TypeOf<InputNode>());
    }

    [Test]
    public void A_collection_with_nothing_to_link_stays_a_plain_input_and_value_types_never_link()
    {
        var agent = new Agent();
        using var scope = TraceScope.Begin();
        var zero = agent.Zero();

        Merger.Join(new List<string> { new string('p', 1) });
        // Value-typed elements never link, which the analyzer says where a result is one of them.
#pragma warning disable OPTO017
        Merger.SumNumbers([zero, 0]);
#pragma warning restore OPTO017

        Assert.That(scope.Graph.Nodes.OfType<CollectionNode>(), Is.Empty);
    }

    [Test]
    public void The_optimizer_prompt_shows_how_the_collection_was_built()
    {
        var retriever = new Retriever();
        using var scope = TraceScope.Begin();
        var first = retriever.Find(new string('a', 1));
        var second = retriever.Find(new string('b', 1));
        var joined = Merger.Join([first, new string('p', 1), second]);
        var parameter = retriever.TrainableParameters().Single();
        parameter.ZeroFeedback();
        scope.Graph.Backward(joined, "Wrong.");

        var problem = new OptoPrime([parameter], new NoChat()).BuildProblem();

        Assert.That(problem.Code, Does.Contain("texts0 = [find0, find1]  // 2 of 3 elements came from traced calls or parameters\njoin0 = Join(texts=texts0)"));
    }
}
