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
    public void An_agent_loop_s_bound_and_the_test_that_ends_it_reach_every_step()
    {
        var router = new StepRouter { MaxSteps = 5, Limit = 4 };
        using var scope = TraceScope.Begin();

        var reply = router.Loop(new string('q', 2));

        Assert.That(reply, Is.EqualTo("qq..."));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "StepRouter.MaxSteps", "StepRouter.Limit" }));
    }

    [Test]
    public void A_bound_kept_in_a_local_an_else_if_guard_and_a_guard_that_throws_reach_the_call()
    {
        var router = new StepRouter { UseTool = true };
        using var scope = TraceScope.Begin();

        var reply = router.Guarded(new string('q', 2));

        Assert.That(reply, Is.EqualTo("ask:qq"));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "StepRouter.MaxSteps", "StepRouter.UseTool", "StepRouter.Style" }));
    }

    [Test]
    public void A_condition_around_a_framework_call_reaches_the_calls_its_lambda_makes()
    {
        var router = new StepRouter { UseTool = true };
        using var scope = TraceScope.Begin();

        var reply = router.EachWord("a b");

        Assert.That(reply, Is.EqualTo("tool:a"));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "StepRouter.UseTool" }));
    }

    [Test]
    public void An_inner_break_a_caught_throw_a_final_continue_and_a_later_case_s_guard_decide_nothing()
    {
        var router = new StepRouter { UseTool = true, Verbose = true };
        using var scope = TraceScope.Begin();

        var reply = router.Undecided(new string('q', 2));

        Assert.That(reply, Is.EqualTo("ask:qq.."));
        Assert.That(ReachedFrom(scope, reply), Is.Empty);
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
