using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>A traced call's result that glue code decides by whether, or how often, another traced call runs is a parent of that call.</summary>
public class DecidedCallTests
{
    [TestCase("money back!", "refund:money back!")]
    [TestCase("where is it", "kind:where is it")]
    public void A_condition_on_a_result_decides_the_call_it_chose(string ticket, string expected)
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var reply = gatekeeper.Route(ticket);

        Assert.That(reply, Is.EqualTo(expected));
        var chosen = (MessageNode)scope.Graph.NodeOf(reply)!;
        Assert.That(chosen.Decision, Is.Not.Null);
        Assert.That(chosen.Decision!.Expression, Is.EqualTo("Classify(ticket) == \"refund\""));
        Assert.That(chosen.Decision.Parents, Is.EqualTo(new[] { Call(scope, "classify0") }));
        Assert.That(ReachedFrom(scope, reply), Does.Contain("Gatekeeper.Rubric"), "feedback on the chosen call reaches the classifier's rubric");
    }

    [Test]
    public void A_result_read_through_a_local_decides_the_call()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var reply = gatekeeper.RouteByLabel("money back!");

        Assert.That(reply, Is.EqualTo("refund:money back!"));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "Gatekeeper.Rubric" }));
    }

    [Test]
    public void Every_critique_that_kept_a_loop_going_reaches_the_refinement_after_it()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var draft = gatekeeper.Improve("d");

        Assert.That(draft, Is.EqualTo("d..."));
        var refinements = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Refine").ToList();
        Assert.That(refinements, Has.Count.EqualTo(3));
        Assert.That(refinements.Select(r => r.Decision!.Parents.Single().Name), Is.EqualTo(new[] { "critique0", "critique1", "critique2" }));
        Assert.That(ReachedFrom(scope, draft), Is.EquivalentTo(new[] { "Gatekeeper.Standard" }));
    }

    [Test]
    public void A_guard_on_a_value_typed_result_decides_the_call_after_it()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var reply = gatekeeper.Guarded("hello");

        Assert.That(reply, Is.EqualTo("kind:hello"));
        var answer = Call(scope, "answer0");
        Assert.That(answer.Decision!.Parents, Is.EqualTo(new[] { Call(scope, "isSafe0") }));
        Assert.That(answer.Decision.Expression, Is.EqualTo("!IsSafe(ticket)"));
    }

    [Test]
    public void One_condition_around_two_calls_is_one_decision()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var reply = gatekeeper.Both("money back!");

        Assert.That(reply, Is.EqualTo("refund:money back!~"));
        Assert.That(scope.Graph.Nodes.OfType<DecisionNode>().Count(), Is.EqualTo(1));
        Assert.That(Call(scope, "refund0").Decision, Is.SameAs(Call(scope, "polish0").Decision));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "Gatekeeper.Rubric" }));
    }

    [Test]
    public async Task An_awaited_result_decides_an_awaited_call()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var reply = await gatekeeper.RouteAsync("money back!");

        Assert.That(reply, Is.EqualTo("refund:money back!"));
        var refund = scope.Graph.Nodes.OfType<MessageNode>().Single(n => n.Operator.MethodName == "RefundAsync");
        Assert.That(((MessageNode)refund.Decision!.Parents.Single()).Operator.MethodName, Is.EqualTo("ClassifyAsync"));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "Gatekeeper.Rubric" }));
    }

    [Test]
    public void A_loop_over_a_results_elements_adds_no_decision_to_calls_given_them()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var summaries = gatekeeper.SummarizeAll("t");

        Assert.That(summaries, Is.EqualTo(new[] { "sum:t1", "sum:t2" }));
        Assert.That(scope.Graph.Nodes.OfType<DecisionNode>(), Is.Empty);
        Assert.That(Ancestors(scope.Graph.NodeOf(summaries[1])!).Select(n => n.Name), Does.Contain("search0"));
    }

    [Test]
    public void A_result_a_condition_may_not_have_read_decides_nothing()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();
        gatekeeper.Route("money back!");

        var reply = gatekeeper.MaybeChecked("where is it", check: false);

        Assert.That(reply, Is.EqualTo("kind:where is it"));
        Assert.That(((MessageNode)scope.Graph.NodeOf(reply)!).Decision, Is.Null, "the classifier of the earlier ticket did not decide this call");
    }

    [Test]
    public void Every_operand_a_condition_needed_to_hold_decides_the_call()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var refund = gatekeeper.BothChecked("money back!");
        var answer = gatekeeper.BothChecked("where is it");
        var checkedRefund = gatekeeper.MaybeChecked("money back!", check: true);

        Assert.That((refund, answer, checkedRefund), Is.EqualTo(("refund:money back!", "kind:where is it", "refund:money back!")));
        // `IsSafe(t) && Classify(t) == "refund"` held: both ran. Before the answer it did not hold: only its left operand surely
        // ran. The guard `!IsSafe(t) || Classify(t) == "spam"` did not hold: both ran.
        Assert.That(Call(scope, "refund0").Decision!.Parents.Select(p => p.Name), Is.EqualTo(new[] { "isSafe0", "classify0" }));
        Assert.That(Call(scope, "answer0").Decision!.Parents.Select(p => p.Name), Is.EqualTo(new[] { "isSafe1", "isSafe2", "classify2" }));
        Assert.That(Call(scope, "refund1").Decision!.Parents.Select(p => p.Name), Is.EqualTo(new[] { "classify3" }));
    }

    [TestCase(nameof(Gatekeeper.Locked), "isSafe0")]
    [TestCase(nameof(Gatekeeper.ElseIf), "classify0")]
    [TestCase(nameof(Gatekeeper.Sectioned), "isSafe0", "classify0")]
    [TestCase(nameof(Gatekeeper.Thrown), "classify0")]
    [TestCase(nameof(Gatekeeper.Required), "classify0")]
    [TestCase(nameof(Gatekeeper.Bounded), "classify0", "isSafe0")]
    public void A_guard_every_run_of_the_call_passed_decides_it(string method, params string[] deciders)
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var reply = method switch
        {
            nameof(Gatekeeper.Locked) => gatekeeper.Locked("hello"),
            nameof(Gatekeeper.ElseIf) => gatekeeper.ElseIf("hello"),
            nameof(Gatekeeper.Sectioned) => gatekeeper.Sectioned("hello"),
            nameof(Gatekeeper.Required) => gatekeeper.Required("hello"),
            nameof(Gatekeeper.Bounded) => gatekeeper.Bounded("hello"),
            _ => gatekeeper.Thrown("hello"),
        };

        Assert.That(reply, Is.EqualTo("kind:hello"));
        Assert.That(Call(scope, "answer0").Decision!.Parents.Select(p => p.Name), Is.EquivalentTo(deciders));
    }

    [Test]
    public void A_catch_the_try_s_traced_call_threw_into_decides_the_calls_it_makes()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var fallback = gatekeeper.Fallback("where!");
        var clear = gatekeeper.Fallback("where");
        var parsed = gatekeeper.FallbackAfterOtherCode("why");

        Assert.That((fallback, clear, parsed), Is.EqualTo(("kind:where!", "clear", "kind:why")));
        var decision = Call(scope, "answer0").Decision!;
        Assert.That(decision.Expression, Is.EqualTo("catch (InvalidOperationException)"));
        Assert.That(decision.Parents.Single(), Is.InstanceOf<ExceptionNode>().And.Property("Value").InstanceOf<InvalidOperationException>());
        // The exception reaches the trainable value the failed call read: feedback on the fallback answer does too.
        var result = scope.Graph.Backward(fallback, "too vague");
        Assert.That(result.Parameters.Select(p => p.Name), Has.Some.Contains("Rubric"));
        // Check completed before int.Parse threw: nothing says it ran the catch.
        Assert.That(Call(scope, "answer1").Decision, Is.Null);
    }

    [Test]
    public void A_framework_guard_is_the_decision_as_written()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        gatekeeper.Required("hello");

        Assert.That(Call(scope, "answer0").Decision!.Expression, Is.EqualTo("ArgumentException.ThrowIfNullOrWhiteSpace(kind)"));
    }

    [Test]
    public void A_condition_tested_after_the_call_or_only_on_some_paths_decides_nothing()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var first = gatekeeper.ImproveAfter("d");
        var second = gatekeeper.ImproveAfter("e");
        var strict = gatekeeper.NestedGuard("a", strict: true);
        var lenient = gatekeeper.NestedGuard("b", strict: false);

        Assert.That((first, second, strict, lenient), Is.EqualTo(("d...", "e...", "kind:a", "kind:b")));
        // The first step of the second loop would otherwise take the last critique of the first loop for its own.
        Assert.That(scope.Graph.Nodes.OfType<DecisionNode>(), Is.Empty);
    }

    [Test]
    public void The_optimizer_prompt_shows_the_condition_and_the_call_it_decided()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();
        var reply = gatekeeper.Route("money back!");
        var rubric = gatekeeper.TrainableParameters().Single(p => p.Name == "Gatekeeper.Rubric");
        rubric.ZeroFeedback();
        scope.Graph.Backward(reply, "Wrong route.");

        var problem = new Opto.Optimizers.OptoPrime([rubric], new NoChat()).BuildProblem();

        Assert.That(problem.Code, Does.Contain(
            "decision0 = Classify(ticket) == \"refund\"  // a condition over classify0 that decided whether a call ran\n" +
            "refund0 = Refund(ticket=ticket0)  // decision0 decided whether it ran"));
        Assert.That(problem.Others, Does.Not.Contain("decision0"));
    }

    [Test]
    public void A_decision_travels_with_its_graph_to_another_process()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();
        var reply = gatekeeper.Route("money back!");

        var packed = Opto.Transport.GraphTransport.Pack(scope.Graph.NodeOf(reply)!);
        var unpacked = (MessageNode)Opto.Transport.GraphTransport.Unpack(packed, gatekeeper.TrainableParameters()).Output;

        Assert.That(packed.Nodes.Single(n => n.Kind == "decision").Expression, Is.EqualTo("Classify(ticket) == \"refund\""));
        Assert.That(unpacked.Decision!.Expression, Is.EqualTo("Classify(ticket) == \"refund\""));
        Assert.That(unpacked.Decision.Parents.Single().Name, Is.EqualTo("classify0"));
        Assert.That(unpacked.Backward("Wrong route.").Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "Gatekeeper.Rubric" }));
    }

    [Test]
    public void A_null_tested_through_glue_over_a_result_decides_the_call_that_runs_when_it_is_null()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var fresh = gatekeeper.Recall("?where");
        var known = gatekeeper.Recall("where");

        Assert.That(fresh, Is.EqualTo("kind:?where"));
        Assert.That(known, Is.EqualTo("known:where"));
        var answer = Call(scope, "answer0");
        Assert.That(answer.Decision!.Expression, Is.EqualTo("Remembered(ticket)?.Trim()"));
        Assert.That(answer.Decision.Parents, Is.EqualTo(new[] { Call(scope, "remembered0") }), "the answer ran because this lookup found nothing");
        Assert.That(scope.Graph.Nodes.OfType<MessageNode>().Count(n => n.Operator.MethodName == "Answer"), Is.EqualTo(1));
    }

    [TestCase(nameof(Gatekeeper.GuardedArm), 1, "answer0")]
    [TestCase(nameof(Gatekeeper.GuardedArm), 3, "refund0")]
    [TestCase(nameof(Gatekeeper.GuardedCase), 1, "answer0")]
    [TestCase(nameof(Gatekeeper.GuardedCase), 3, "refund0")]
    public void An_earlier_arms_guard_that_failed_decides_the_arm_that_runs(string method, int priority, string chosen)
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        typeof(Gatekeeper).GetMethod(method)!.Invoke(gatekeeper, ["where is it", priority]);

        var call = Call(scope, chosen);
        Assert.That(call.Decision!.Expression, Is.EqualTo("!IsSafe(ticket)"));
        Assert.That(call.Decision.Parents, Is.EqualTo(new[] { Call(scope, "isSafe0") }), "the arm ran because the check before it passed");
    }

    [TestCase(nameof(Gatekeeper.Switched), "Classify(ticket).ToUpperInvariant()")]
    [TestCase(nameof(Gatekeeper.SwitchedExpression), "Classify(ticket).Trim()")]
    public void A_switch_on_glue_over_a_result_decides_the_case_that_runs(string method, string expression)
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var reply = (string)typeof(Gatekeeper).GetMethod(method)!.Invoke(gatekeeper, ["money back!"])!;

        Assert.That(reply, Is.EqualTo("refund:money back!"));
        var refund = Call(scope, "refund0");
        Assert.That(refund.Decision!.Expression, Is.EqualTo(expression));
        Assert.That(refund.Decision.Parents, Is.EqualTo(new[] { Call(scope, "classify0") }));
        Assert.That(ReachedFrom(scope, reply), Is.EquivalentTo(new[] { "Gatekeeper.Rubric" }));
    }

    [TestCase(nameof(Gatekeeper.SummarizeRelevant), "ab,xy,cd,ex")]
    [TestCase(nameof(Gatekeeper.SummarizeEachRelevant), "ab,cd,xy,ex")]
    [TestCase(nameof(Gatekeeper.SummarizeHeldRelevant), "ab,xy,cd,ex")]
    [TestCase(nameof(Gatekeeper.SummarizeHeldTwiceRelevant), "ab,xy,cd,ex")]
    public void A_filters_predicate_decides_the_call_made_for_each_element_it_let_through(string method, string documents)
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var summaries = (List<string>)typeof(Gatekeeper).GetMethod(method)!.Invoke(gatekeeper, [documents.Split(',')])!;

        Assert.That(summaries, Is.EqualTo(new[] { "sum:ab", "sum:cd" }));
        var summarized = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Summarize").ToList();
        Assert.That(summarized, Has.Count.EqualTo(2));
        foreach (var summary in summarized)
        {
            var check = (MessageNode)summary.Decision!.Parents.Single();
            Assert.That(check.Operator.MethodName, Is.EqualTo("IsRelevant"));
            Assert.That(check.Inputs.Single().Value.Value, Is.EqualTo(summary.Inputs.Single().Value.Value), "the check of the very document summarized");
        }
    }

    [Test]
    public void A_filters_predicate_with_a_sort_after_it_decides_nothing()
    {
        var gatekeeper = new Gatekeeper();
        using var scope = TraceScope.Begin();

        var summaries = gatekeeper.SummarizeSortedRelevant(["cd", "xy", "ab"]);

        Assert.That(summaries, Is.EqualTo(new[] { "sum:ab", "sum:cd" }));
        var summarized = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Operator.MethodName == "Summarize").ToList();
        Assert.That(summarized.Select(s => s.Decision), Is.All.Null, "every predicate ran before the first summary: the latest is no summary's own");
    }
}
