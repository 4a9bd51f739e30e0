using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>Linking a value to the call that made it runs none of the program's code, and keeps its side effects in order.</summary>
[NonParallelizable]
public class SideEffectTests
{
    [Test]
    public void A_struct_result_is_linked_without_calling_its_own_Equals()
    {
        var calls = new SideEffects();
        Touchy.EqualsCalls = 0;
        using var scope = TraceScope.Begin();

        var total = calls.PassStructs();

        Assert.That(total, Is.EqualTo(2 + 3 + 10));
        Assert.That(Touchy.EqualsCalls, Is.Zero);
        var reads = scope.Graph.Nodes.Where(n => n.Name.StartsWith("read", StringComparison.Ordinal)).ToList();
        Assert.That(reads.SelectMany(r => r.Parents).Select(p => p.Name), Is.EqualTo(new[] { "make1", "make0" }), "each read links to the call that made its struct");
        var doubled = scope.Graph.Nodes.Single(n => n.Name.StartsWith("doubled", StringComparison.Ordinal));
        Assert.That(doubled.Parents.Select(p => p.Name), Is.EqualTo(new[] { "make2" }));
    }

    [Test]
    public void A_lazy_sequence_of_parts_is_made_and_formatted_in_turn_as_untraced()
    {
        var calls = new SideEffects();
        var untraced = new List<string>();
        calls.JoinLazily(untraced);
        var traced = new List<string>();
        using (TraceScope.Begin()) calls.JoinLazily(traced);

        Assert.That(untraced, Is.EqualTo(new[] { "make 1", "format 1", "make 2", "format 2", "make 3", "format 3" }));
        Assert.That(traced, Is.EqualTo(untraced));
    }

    [Test]
    public void What_a_builder_appended_before_a_part_threw_stays_appended()
    {
        var calls = new SideEffects();
        var untraced = calls.AppendUntilThrown();
        string traced;
        using (TraceScope.Begin()) traced = calls.AppendUntilThrown();

        Assert.That(untraced, Is.EqualTo("[l,ll"));
        Assert.That(traced, Is.EqualTo(untraced));
    }
}
