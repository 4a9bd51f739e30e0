using Opto;
using Trace.Runtime.Tests.Fixtures.Toolbox;

namespace Trace.Runtime.Tests;

/// <summary>
/// A <c>[Trainable]</c> member a traced body reads on the elements of a collection it holds or is given (a <c>foreach</c>
/// variable, a LINQ or list lambda's parameter) is a dependency on every element's parameter, the collection read again
/// when the call completes.
/// </summary>
public class CollectionElementTests
{
    private static ParameterNode Description(Tool tool) =>
        Opto.Interception.TrainableRegistry.ParametersOf(tool).Single(p => p.Name.EndsWith(".Description", StringComparison.Ordinal));

    private static IReadOnlyList<ParameterNode> Reached(TraceScope scope, string text) => scope.Graph.Backward(text, "Clearer.").Parameters;

    [Test]
    public void A_LINQ_chain_over_a_list_depends_on_every_element_the_filter_could_have_kept()
    {
        var planner = new Planner([]);
        using var scope = TraceScope.Begin();

        var text = planner.Menu(new string('?', 1));

        Assert.That(text, Is.EqualTo("search does one thing.?"));
        // The filter ran at the call; which elements it kept is not known at completion, so every element counts.
        Assert.That(Reached(scope, text), Is.EquivalentTo(planner.Tools.Select(Description)));
    }

    [Test]
    public void A_foreach_over_an_array_depends_on_its_elements()
    {
        var planner = new Planner([]);
        using var scope = TraceScope.Begin();

        var text = planner.Loop(new string('?', 1));

        Assert.That(Reached(scope, text), Is.EqualTo(new[] { Description(planner.Array[0]) }));
    }

    [Test]
    public void The_elements_of_an_argument_are_those_of_the_call_s_own_argument()
    {
        var planner = new Planner([]);
        Tool[] first = [new("a"), new("b")];
        List<Tool> second = [new("c")];
        using var scope = TraceScope.Begin();

        var one = planner.Given(first, new string('?', 1));
        var two = planner.Given(second, new string('!', 1));

        Assert.That(Reached(scope, one), Is.EquivalentTo(first.Select(Description)));
        Assert.That(Reached(scope, two), Is.EqualTo(new[] { Description(second[0]) }));
    }

    [Test]
    public void A_captured_collection_read_through_a_list_method_depends_on_its_elements()
    {
        IReadOnlyList<Tool> tools = [new("x"), new("y")];
        var planner = new Planner(tools);
        using var scope = TraceScope.Begin();

        var text = planner.Captured(new string('?', 1));

        Assert.That(Reached(scope, text), Is.EquivalentTo(tools.Select(Description)));
    }

    [Test]
    public void A_dictionary_s_values_are_its_elements()
    {
        var planner = new Planner([]);
        using var scope = TraceScope.Begin();

        var text = planner.Named(new string('?', 1));

        Assert.That(Reached(scope, text), Is.EquivalentTo(planner.ByName.Values.Select(Description)));
    }

    [Test]
    public void A_member_of_each_element_leads_to_the_object_that_declares_the_trainable_member()
    {
        var planner = new Planner([]);
        using var scope = TraceScope.Begin();

        var text = planner.FromSlots(new string('?', 1));

        Assert.That(Reached(scope, text), Is.EquivalentTo(planner.Slots.Select(s => Description(s.Tool))));
    }

    [Test]
    public void A_lazy_sequence_is_not_enumerated_again_at_completion()
    {
        var tools = new List<Tool> { new("x") };
        var enumerated = 0;
        var planner = new Planner([]) { Lazy = tools.Where(t => ++enumerated > 0) };
        using var scope = TraceScope.Begin();

        var text = planner.FromLazy(new string('?', 1));

        Assert.That(enumerated, Is.EqualTo(1));
        Assert.That(Reached(scope, text), Is.Empty);
    }
}
