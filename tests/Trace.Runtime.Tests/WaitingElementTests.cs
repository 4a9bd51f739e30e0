using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// Elements of a returned collection wait in the graph until they are passed on, and the values looked up meanwhile are
/// checked against a filter of the waiting ones instead of under the graph's lock: neither side may lose its link.
/// </summary>
public class WaitingElementTests
{
    [TestCase(3)]
    [TestCase(5_000)] // more elements than the filter has bits: every value may be one of them
    public void Elements_waiting_beside_other_values_link_when_passed_on_and_the_others_keep_their_nodes(int count)
    {
        var librarian = new Librarian();
        using var scope = TraceScope.Begin();

        var pages = librarian.Pages(count);
        var kept = librarian.Keep(new string('k', 3));
        for (var i = 0; i < 50; i++) kept = librarian.Keep(kept);
        // Code of the program's runs between the call and the reads, so the compiler's flow is not claimed: the elements are
        // found by their identity.
        Action between = static () => { };
        between();
        var last = librarian.Summarize(pages[count - 1]);
        var first = librarian.Summarize(pages[0]);

        var calls = scope.Graph.Nodes.OfType<MessageNode>().ToList();
        var keeps = calls.Where(c => c.Operator.MethodName == "Keep").ToList();
        Assert.That(keeps, Has.Count.EqualTo(51));
        // Each result passed on is linked to the call that returned it, while the pages wait.
        for (var i = 1; i < keeps.Count; i++) Assert.That(keeps[i].Inputs.Single().Value, Is.SameAs(keeps[i - 1]), $"call {i}");
        var search = calls.Single(c => c.Operator.MethodName == "Pages");
        var summaries = calls.Where(c => c.Operator.MethodName == "Summarize").ToList();
        var lastPage = (GlueNode)summaries[0].Inputs.Single().Value;
        var firstPage = (GlueNode)summaries[1].Inputs.Single().Value;
        Assert.That((lastPage.Expression, firstPage.Expression), Is.EqualTo(($"pages0[{count - 1}]", "pages0[0]")));
        Assert.That(lastPage.Parents, Is.EqualTo(new[] { search }));
        Assert.That(scope.Graph.NodeOf(last), Is.SameAs(summaries[0]));
        Assert.That(scope.Graph.NodeOf(first), Is.SameAs(summaries[1]));
        Assert.That(scope.Graph.Backward(last, "Wrong page.").Parameters.Select(p => p.Name), Does.Contain("Librarian.SearchInstruction"));
    }

    [Test]
    public void The_filter_never_rules_out_a_waiting_value_rules_out_most_others_and_empties_with_the_waiting_ones()
    {
        var sources = new ElementSources();
        var source = Node.Create(new object(), "list");
        var waiting = Enumerable.Range(0, 3).Select(i => new object()).ToList();
        for (var i = 0; i < waiting.Count; i++) sources.Set(waiting[i], source, $"list[{i}]", earlier: null);

        Assert.That(waiting.All(sources.MayHold), Is.True);
        var others = Enumerable.Range(0, 200).Select(_ => new object()).ToList();
        // Three bits of 1,024 are set: a value that is not waiting is ruled out unless its identity hash falls on one of them.
        Assert.That(others.Count(sources.MayHold), Is.LessThan(20));

        foreach (var value in waiting) Assert.That(sources.TryTake(value, out _), Is.True);
        Assert.That(waiting.Concat(others).Any(sources.MayHold), Is.False);
    }
}
