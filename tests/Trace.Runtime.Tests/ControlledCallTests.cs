using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>A trainable value glue code decides by whether, or how often, a traced call runs is an input of that call.</summary>
public class ControlledCallTests
{
    [Test]
    public void A_trainable_bound_of_a_loop_reaches_every_call_the_loop_makes()
    {
        var router = new StepRouter { MaxSteps = 3 };
        using var scope = TraceScope.Begin();

        var reply = router.Iterate(new string('q', 2));

        Assert.That(reply, Is.EqualTo("qq..."));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "StepRouter.MaxSteps" }));
        var refinements = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Refine").ToList();
        Assert.That(refinements, Has.Count.EqualTo(3));
        Assert.That(refinements.Select(r => scope.Graph.Backward(r, "Wrong.").Parameters.Single().Name), Is.All.EqualTo("StepRouter.MaxSteps"));
    }

    [TestCase(false, "ask:qq")]
    [TestCase(true, "tool:qq")]
    public void The_trainable_condition_of_a_choice_reaches_the_call_it_chose(bool useTool, string expected)
    {
        var router = new StepRouter { UseTool = useTool };
        using var scope = TraceScope.Begin();

        var reply = router.Route(new string('q', 2));

        Assert.That(reply, Is.EqualTo(expected));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "StepRouter.UseTool" }));
    }

    [Test]
    public void An_earlier_return_on_a_trainable_condition_reaches_the_call_after_it()
    {
        var router = new StepRouter { UseTool = true };
        using var scope = TraceScope.Begin();

        var reply = router.Early(new string('q', 2));

        Assert.That(reply, Is.EqualTo("ask:calmqq"));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "StepRouter.UseTool", "StepRouter.Persona" }));
    }

    [Test]
    public void A_switch_on_a_trainable_enum_and_a_static_loop_bound_reach_their_calls()
    {
        var router = new StepRouter { Style = AnswerStyle.Short };
        using var scope = TraceScope.Begin();

        var styled = router.Styled(new string('q', 2));
        var retried = router.Retried(new string('r', 2));

        Assert.That((styled, retried), Is.EqualTo(("tool:qq", "rr..")));
        Assert.That(ReachedFrom(scope, styled), Is.EquivalentTo(new[] { "StepRouter.Style" }));
        Assert.That(ReachedFrom(scope, retried), Is.EquivalentTo(new[] { "RetryBudget.Retries" }));
    }

    [Test]
    public void A_pattern_on_a_held_object_reaches_that_object_s_member_and_not_the_router_s_own()
    {
        var router = new StepRouter { UseTool = false };
        using var scope = TraceScope.Begin();

        var reply = router.Patterned(new string('q', 2));

        Assert.That(reply, Is.EqualTo("tool:qq"));
        Assert.That(ReachedFrom(scope, reply), Is.EqualTo(new[] { "RouteOptions.UseTool" }));
    }

    [Test]
    public void A_condition_read_after_the_call_does_not_reach_it()
    {
        var router = new StepRouter { UseTool = false };
        using var scope = TraceScope.Begin();

        var reply = router.Checked(new string('q', 2));

        Assert.That(ReachedFrom(scope, reply), Is.Empty);
    }
}
