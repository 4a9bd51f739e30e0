using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>A local glue code steps with <c>++</c> or <c>--</c> statements is followed as <c>+= 1</c> is.</summary>
public class SteppedLocalTests
{
    [Test]
    public void A_trainable_number_stepped_before_the_call_reaches_it()
    {
        var pager = new Pager();
        using var scope = TraceScope.Begin();

        Assert.That(pager.NextPage(), Is.EqualTo("showing 11"));

        Assert.That(Reached(scope, "show0"), Is.EquivalentTo(new[] { "Pager.PageSize" }));
        Assert.That(InputOf(scope, "show0"), Is.InstanceOf<GlueNode>());
    }

    [Test]
    public async Task Steps_down_in_branches_of_an_async_method_reach_the_call()
    {
        var pager = new Pager();
        using var scope = TraceScope.Begin();

        Assert.That(await pager.Fewer("long question"), Is.EqualTo("showing 8"));
        Assert.That(await pager.Fewer("q"), Is.EqualTo("showing 9"));

        Assert.That(Reached(scope, "show0"), Is.EquivalentTo(new[] { "Pager.PageSize" }));
        Assert.That(Reached(scope, "show1"), Is.EquivalentTo(new[] { "Pager.PageSize" }));
    }

    [Test]
    public void A_traced_call_s_result_stepped_is_the_call_s_parent()
    {
        var pager = new Pager();
        using var scope = TraceScope.Begin();

        Assert.That(pager.Counted("four"), Is.EqualTo("showing 5"));

        Assert.That(Ancestors(InputOf(scope, "show0")).Select(n => n.Name), Does.Contain("count0"));
    }

    [Test]
    public void Stepped_inside_the_argument_is_not_linked()
    {
        var pager = new Pager();
        using var scope = TraceScope.Begin();

        Assert.That(pager.SteppedInline(), Is.EqualTo("showing 11"));

        var reached = scope.Graph.Backward(Call(scope, "show0"), "Too many.", new Opto.Backward.BackwardOptions { ThrowWhenNothingReached = false }).Parameters;
        Assert.That(reached, Is.Empty, "reported by OPTO016 instead");
    }
}
