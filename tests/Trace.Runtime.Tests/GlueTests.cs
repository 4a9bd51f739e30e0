using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>Values transformed by untraced code between traced calls stay linked, exactly or not at all.</summary>
public class GlueTests
{
    private static MessageNode Classified(TraceScope scope, int ordinal = 0) =>
        (MessageNode)scope.Graph.Nodes.Single(n => n.Name == "classify" + ordinal);

    private static Node PromptOf(TraceScope scope, int ordinal = 0) => Classified(scope, ordinal).Inputs.Single().Value;

    [Test]
    public void Trim_between_two_calls_is_a_glue_node_whatever_the_model_answered()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.TrimThenClassify(new string('x', 3));

        var glue = (GlueNode)PromptOf(scope);
        Assert.That(glue.Expression, Is.EqualTo("Summarize(ticket).Trim()"));
        Assert.That(glue.Parents.Single().Name, Is.EqualTo("summarize0"));
        Assert.That(scope.Graph.Backward(Classified(scope), "Wrong class.").Parameters.Select(p => p.Name), Is.EqualTo(new[] { "Triage.SummaryInstruction" }));
    }

    [Test]
    public async Task A_tuple_or_params_argument_mixing_a_result_and_glue_over_another_links_both_calls()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        await triage.ClassifyMixedAsync(new string('a', 3), new string('b', 3));

        var summaries = scope.Graph.Nodes.Where(n => n.Name.StartsWith("summarize", StringComparison.Ordinal)).ToList();
        foreach (var consumer in new[] { "classifyPair0", "classifyAll0" })
        {
            var call = (MessageNode)scope.Graph.Nodes.Single(n => n.Name == consumer);
            var texts = (CollectionNode)call.Inputs.Single().Value;
            Assert.That(texts.Parents, Is.EquivalentTo(summaries), consumer);
        }
    }

    [Test]
    public async Task An_element_picked_from_a_list_or_a_tuple_links_to_its_own_call_and_no_other()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        await triage.ClassifyPickedAsync(new string('a', 3), new string('b', 3));

        Assert.That(PromptOf(scope, 0), Is.SameAs(scope.Graph.Nodes.Single(n => n.Name == "summarize1")));
        Assert.That(PromptOf(scope, 1), Is.SameAs(scope.Graph.Nodes.Single(n => n.Name == "summarize2")));
    }

    [Test]
    public void An_element_read_back_from_an_array_links_to_its_own_call_and_no_other()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.ClassifySecond(new string('a', 3), new string('b', 3));
        triage.ClassifySecondChanged(new string('c', 3), new string('d', 3));
        triage.ClassifyPickedChanged(new string('e', 3), new string('f', 3), 1);

        // Unchanged, the element keeps its identity; changed at a constant place, the compiler's flow links the call written
        // there; at a place decided at run time, no flow is claimed (OPTO017 says so at the argument), rather than one over
        // every element of the array.
        Assert.That(PromptOf(scope, 0), Is.SameAs(scope.Graph.Nodes.Single(n => n.Name == "summarize1")));
        Assert.That(((GlueNode)PromptOf(scope, 1)).Parents, Is.EqualTo(new[] { scope.Graph.Nodes.Single(n => n.Name == "summarize3") }));
        Assert.That(PromptOf(scope, 2), Is.InstanceOf<InputNode>());
    }

    [Test]
    public void An_interpolated_prompt_from_a_local_links_to_the_call_that_produced_the_local()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.Interpolate(new string('x', 3));

        var glue = (GlueNode)PromptOf(scope);
        Assert.That(glue.Expression, Is.EqualTo("$\"Greet in {language}\""));
        Assert.That(glue.Parents.Select(p => p.Name), Is.EqualTo(new[] { "decideLanguage0" }));
        Assert.That(glue.Name, Is.EqualTo("prompt0"));
    }

    [Test]
    public async Task Awaited_results_joined_together_link_to_both_calls()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        await triage.AwaitThenJoin(new string('x', 3));

        var glue = (GlueNode)PromptOf(scope);
        Assert.That(glue.Expression, Is.EqualTo("string.Join(\" / \", summary, language)"));
        Assert.That(glue.Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "summarize1", "decideLanguage0" }), "summarize0 is the nested call inside SummarizeAsync; the flow is from the awaited call's node");
    }

    [Test]
    public async Task A_deserialized_reply_links_to_the_call_that_returned_the_json()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        await triage.Deserialize(new string('x', 5));

        var glue = (GlueNode)PromptOf(scope);
        Assert.That(glue.Parents.Select(p => p.Name), Is.EqualTo(new[] { "reply0" }));
        Assert.That(glue.Value, Is.EqualTo("bug!"));
    }

    [Test]
    public void A_value_type_passed_on_through_a_local_links_to_its_producer()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.CountThenScore(new string('x', 3));

        var score = (MessageNode)scope.Graph.Nodes.Single(n => n.Name == "score0");
        Assert.That(score.Inputs.Single().Value.Name, Is.EqualTo("countWords0"));
    }

    [Test]
    public void In_a_loop_each_iteration_links_to_its_own_call()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.Loop([new string('a', 1), new string('b', 1), new string('c', 1)]);

        for (var i = 0; i < 3; i++)
        {
            Assert.That(((GlueNode)PromptOf(scope, i)).Parents.Single().Name, Is.EqualTo("summarize" + i));
        }
    }

    [Test]
    public void A_local_function_links_within_each_of_its_calls()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.InLocalFunction(new string('a', 1), new string('b', 1));

        Assert.That(((GlueNode)PromptOf(scope, 0)).Parents.Single().Name, Is.EqualTo("summarize0"));
        Assert.That(((GlueNode)PromptOf(scope, 1)).Parents.Single().Name, Is.EqualTo("summarize1"));
    }

    [Test]
    public async Task Concurrent_async_lambdas_each_link_to_their_own_call()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();
        var tickets = Enumerable.Range(0, 20).Select(i => new string((char)('a' + i), 3)).ToList();

        await triage.InParallel(tickets);

        var glues = scope.Graph.Nodes.OfType<GlueNode>().ToList();
        Assert.That(glues, Has.Count.EqualTo(20));
        foreach (var glue in glues)
        {
            var producer = (MessageNode)glue.Parents.Single();
            var ticket = (string)producer.Inputs.Single().Value.Value!;
            Assert.That((string)glue.Value!, Does.Contain(ticket), "each glue node's parent is the summary of the same ticket");
        }
    }

    [Test]
    public void A_value_chosen_by_a_condition_links_to_the_call_of_the_arm_that_ran()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.Chosen(new string('x', 3), fast: true);
        triage.Chosen(new string('y', 3), fast: false);
        triage.Chosen(new string('z', 3), fast: true);

        var parents = Enumerable.Range(0, 3).Select(i => ((GlueNode)PromptOf(scope, i)).Parents.Single()).ToList();
        Assert.That(parents.Select(p => p.Name), Is.EqualTo(new[] { "summarize0", "decideLanguage0", "summarize1" }));
        Assert.That(((MessageNode)parents[2]).Inputs.Single().Value.Value, Is.EqualTo("zzz"), "this run's call, not the first run's");
    }

    [Test]
    public void Branches_reassignments_and_lambdas_claim_no_link_rather_than_a_wrong_one()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.Branch(new string('x', 3), fast: true);
        triage.Branch(new string('y', 3), fast: false);
        triage.Reassigned([new string('a', 1), new string('b', 2)]);
        triage.InLambda(new string('x', 3));

        Assert.That(scope.Graph.Nodes.OfType<GlueNode>(), Is.Empty);
        for (var i = 0; i < 4; i++) Assert.That(PromptOf(scope, i), Is.TypeOf<InputNode>());
    }

    [Test]
    public void A_result_changed_in_a_branch_links_to_its_call_whether_the_branch_ran_or_not()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.StepInBranch(new string('z', 3), more: true);
        triage.StepInBranch(new string('w', 3), more: false);

        var changed = (GlueNode)PromptOf(scope, 0);
        Assert.That(changed.Expression, Is.EqualTo("prompt.Trim()"));
        Assert.That(changed.Parents.Select(p => p.Name), Is.EqualTo(new[] { "summarize0" }));
        Assert.That(PromptOf(scope, 1).Parents.Select(p => p.Name), Is.EqualTo(new[] { "summarize1" }));
    }

    [Test]
    public void A_result_passed_on_through_a_local_set_again_links_to_its_call()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.RelabelTwice(new string('a', 3));

        Assert.That(PromptOf(scope, 1), Is.SameAs(Classified(scope, 0)), "the first call's answer reaches the second");
    }

    [Test]
    public void A_prompt_built_in_straight_line_steps_links_to_the_calls_of_the_steps_that_reach_it()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();

        triage.BuiltInSteps(new string('a', 3), new string('b', 3));
        triage.StartedAgain(new string('c', 3), new string('d', 3));

        var built = (GlueNode)PromptOf(scope, 0);
        Assert.That(built.Expression, Is.EqualTo("prompt = \"Ticket: \"; prompt += Summarize(ticket); prompt = prompt.Trim(); prompt += \" / \" + DecideLanguage(other)"));
        Assert.That(built.Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "summarize0", "decideLanguage0" }));
        Assert.That(scope.Graph.Backward(Classified(scope, 0), "Wrong class.").Parameters.Select(p => p.Name), Does.Contain("Triage.SummaryInstruction"));
        var again = (GlueNode)PromptOf(scope, 1);
        Assert.That(again.Parents.Select(p => p.Name), Is.EqualTo(new[] { "decideLanguage1" }), "the summary the first step made does not reach the call");
    }

    [Test]
    public async Task Parallel_rollouts_link_to_their_own_producers()
    {
        var first = new Triage();
        var second = new Triage();

        async Task<GlueNode> Rollout(Triage triage, string ticket)
        {
            using var scope = TraceScope.Begin();
            await triage.AwaitThenJoin(ticket);
            return (GlueNode)PromptOf(scope);
        }

        var glues = await Task.WhenAll(Rollout(first, new string('a', 3)), Rollout(second, new string('b', 3)));

        Assert.That(glues[0].Parents.Intersect(glues[1].Parents), Is.Empty);
        Assert.That(glues[0].Value, Does.Contain("aaa"));
        Assert.That(glues[1].Value, Does.Contain("bbb"));
    }

    [Test]
    public void A_trainable_prompt_glued_into_an_argument_is_a_parent_of_the_glue()
    {
        var triage = new Triage();
        var router = new Router();
        using var scope = TraceScope.Begin();

        triage.WithInstruction(new string('x', 3));
        router.Route(triage, new string('y', 3));
        router.RouteUntraced(triage, new string('z', 3));

        var onThis = (GlueNode)PromptOf(scope, 0);
        Assert.That(onThis.Parents, Is.EqualTo(new[] { triage.TrainableParameters().Single() }));
        var fromTracedCaller = (GlueNode)PromptOf(scope, 1);
        Assert.That(fromTracedCaller.Parents, Is.EqualTo(new[] { router.TrainableParameters().Single() }));
        Assert.That(fromTracedCaller.Expression, Is.EqualTo("$\"{RoutePrompt} {ticket}\""));
        Assert.That(PromptOf(scope, 2), Is.TypeOf<InputNode>(), "an untraced caller's object cannot be found again");
        Assert.That(scope.Graph.Backward(Classified(scope, 1), "Misrouted.").Parameters, Is.EqualTo(new[] { router.TrainableParameters().Single() }));
    }

    [Test]
    public void The_optimizer_prompt_shows_the_glue_as_code()
    {
        var triage = new Triage();
        using var scope = TraceScope.Begin();
        triage.TrimThenClassify(new string('x', 3));
        var instruction = triage.TrainableParameters().Single();
        instruction.ZeroFeedback();
        scope.Graph.Backward(Classified(scope), "Wrong class.");

        var problem = new Opto.Optimizers.OptoPrime([instruction], new NoChat()).BuildProblem();

        Assert.That(problem.Code, Does.Contain("prompt0 = Summarize(ticket).Trim()  // glue code over summarize0\nclassify0 = Classify(prompt=prompt0)"));
        Assert.That(Opto.Export.GraphExport.ToDot(scope.Graph.Nodes), Does.Contain("prompt0 (glue)"));
    }
}
