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

    [Test]
    public void A_collection_class_of_the_program_is_never_enumerated_by_tracing()
    {
        var retriever = new Retriever();
        var texts = new Counted<string>(["a", "b"], refuse: true);
        var numbers = new Counted<int>([1, 2, 3], refuse: true);
        var entries = new CountedPairs(new() { ["k"] = "v" }, refuse: true);
        using var scope = TraceScope.Begin();

        // Each would throw if anything but the method itself enumerated it; the methods only count.
        Assert.That(Tally.CountTexts(texts), Is.EqualTo(2));
        Assert.That(Tally.CountOf(texts), Is.EqualTo(2));
        Assert.That(Tally.CountThrough(texts), Is.EqualTo(2));
        Assert.That(Tally.CountThrough(numbers), Is.EqualTo(3));
        Assert.That(Tally.CountEntries(entries), Is.EqualTo(1));

        // A collection a traced call made is not enumerated when it returns either, and still links as a whole.
        var wrapped = Tally.Wrap(retriever.Find(new string('a', 1)), retriever.Find(new string('b', 1)));
        var count = Tally.CountTexts(wrapped);

        Assert.That(count, Is.EqualTo(2));
        Assert.That((texts.Enumerations, numbers.Enumerations, entries.Enumerations, wrapped.Enumerations), Is.EqualTo((0, 0, 0, 0)));
        var counted = scope.Graph.Nodes.OfType<MessageNode>().Last();
        var collection = (CollectionNode)counted.Inputs.Single().Value;
        Assert.That(collection.Parents, Is.EqualTo(new[] { scope.Graph.NodeOf(wrapped) }), "the collection's own producer is its parent");

        // Shown to an optimizer, a value whose enumeration throws says so instead of failing the step.
        Assert.That(collection.ToString(), Does.StartWith("texts1 = <Counted`1, whose text could not be read: InvalidOperationException"));
        var parameter = retriever.TrainableParameters().Single();
        parameter.ZeroFeedback();
        counted.Backward("Too few.");
        var problem = new OptoPrime([parameter], new NoChat()).BuildProblem();
        Assert.That(problem.Render(), Does.Contain("whose text could not be read: InvalidOperationException: This collection must not be enumerated."));
    }

    [Test]
    public async Task A_collection_class_the_compiler_saw_filled_is_glue_over_what_was_put_in()
    {
        var retriever = new Retriever();
        using var scope = TraceScope.Begin();
        await Task.Yield(); // an async method keeps its own glue slots: the compiler's proof holds in it

        // Its elements are not read, but the compiler proved what was put in (a result kept in a local first, or put in where
        // other code of the method could run in between, is not, and the analyzer says so).
        var bag = new Bag { retriever.Find(new string('a', 1)), new string('p', 1) };
        var joined = Tally.Join(bag);

        var argument = ((MessageNode)scope.Graph.NodeOf(joined)!).Inputs.Single().Value;
        Assert.That(argument, Is.TypeOf<GlueNode>());
        Assert.That(argument.Parents.Single(), Is.SameAs(scope.Graph.Nodes.OfType<MessageNode>().First()));
    }

    [Test]
    public void A_combiner_over_a_collection_class_of_the_program_enumerates_it_once_and_links_its_parts()
    {
        var retriever = new Retriever();
        using var scope = TraceScope.Begin();
        var first = retriever.Find(new string('a', 1));
        var second = retriever.Find(new string('b', 1));
        var parts = new Counted<string>([first, second]);

        var joined = string.Join(", ", parts);

        Assert.That(joined, Is.EqualTo(first + ", " + second));
        Assert.That(parts.Enumerations, Is.EqualTo(1), "as often as string.Join untraced");
        var glue = (GlueNode)scope.Graph.NodeOf(joined)!;
        Assert.That(glue.Parents, Is.EqualTo(new[] { scope.Graph.NodeOf(first), scope.Graph.NodeOf(second) }));
    }

    [Test]
    public void The_framework_s_collections_and_views_over_them_are_read_and_others_are_not()
    {
        string[] texts = ["a", "b"];
        Assert.Multiple(() =>
        {
            foreach (var readable in new object[]
            {
                texts, new List<string>(texts), new HashSet<string>(texts), new Dictionary<string, string> { ["a"] = "b" },
                new Dictionary<string, string> { ["a"] = "b" }.Values, System.Collections.Immutable.ImmutableArray.Create(texts),
                System.Collections.Frozen.FrozenSet.ToFrozenSet(texts), System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(texts, t => t),
                new System.Collections.Concurrent.ConcurrentDictionary<string, string>(), new ArraySegment<string>(texts),
                Collected([.. texts]), Collected(["a"]), Collected([.. new List<string>(texts)]),
                new List<string>(texts).AsReadOnly(), new System.Collections.ObjectModel.Collection<string>(new List<string>(texts)),
                new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>()),
            })
            {
                Assert.That(StoredElements.CanRead(readable), Is.True, readable.GetType().ToString());
            }

            foreach (var unreadable in new object[]
            {
                new Counted<string>(texts), texts.Select(t => t + "!"), Enumerable.Range(0, 3),
                new System.Collections.ObjectModel.ReadOnlyCollection<string>(new Counted<string>(texts)),
                new System.Collections.ObjectModel.ReadOnlyCollection<string>(new System.Collections.ObjectModel.Collection<string>(new Counted<string>(texts))),
            })
            {
                Assert.That(StoredElements.CanRead(unreadable), Is.False, unreadable.GetType().ToString());
            }
        });
    }

    // What the compiler makes of a collection expression for a read-only interface.
    private static IReadOnlyList<string> Collected(IReadOnlyList<string> texts) => texts;
}
