using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>
/// A local set in branches (<c>if</c>/<c>else</c>, <c>switch</c>, <c>try</c>/<c>catch</c>) links to the step that set it on
/// the path taken, never to one a branch not taken left from an earlier call.
/// </summary>
public class BranchedLocalTests
{
    [Test]
    public void Each_call_links_the_step_of_its_own_branch_not_the_one_an_earlier_call_took()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        dispatcher.Routed("q", search: true);
        dispatcher.Routed("q", search: false);
        dispatcher.Routed("q", search: true);

        Assert.That(Reached(scope, "answer0"), Is.EquivalentTo(new[] { "Dispatcher.AnswerInstruction", "Dispatcher.SearchInstruction" }));
        Assert.That(Reached(scope, "answer1"), Is.EquivalentTo(new[] { "Dispatcher.AnswerInstruction", "Dispatcher.RecallInstruction" }));
        Assert.That(Reached(scope, "answer2"), Is.EquivalentTo(new[] { "Dispatcher.AnswerInstruction", "Dispatcher.SearchInstruction" }));
        var glued = (GlueNode)InputOf(scope, "answer1");
        Assert.That(glued.Parents.Single().Name, Is.EqualTo("recall0"));
    }

    [Test]
    public void A_draft_shortened_only_when_too_long_links_the_shortening_only_when_it_ran()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        dispatcher.Refined("a long question", limit: 5);
        dispatcher.Refined("q", limit: 500);

        // The draft decided whether to shorten it: a parent on both paths, as the condition of `?:` is.
        Assert.That(InputOf(scope, "answer0").Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "draft0", "shorten0" }));
        Assert.That(Reached(scope, "answer0"), Is.EquivalentTo(new[] { "Dispatcher.AnswerInstruction", "Dispatcher.DraftInstruction", "Dispatcher.ShortenInstruction" }));
        Assert.That(InputOf(scope, "answer1").Parents.Select(p => p.Name), Is.EqualTo(new[] { "draft1" }), "not the shortening the first call left");
        Assert.That(Reached(scope, "answer1"), Is.EquivalentTo(new[] { "Dispatcher.AnswerInstruction", "Dispatcher.DraftInstruction" }));
    }

    [Test]
    public void A_fallback_step_in_a_catch_links_when_the_first_step_failed_and_the_first_one_otherwise()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        dispatcher.WithFallback("q");
        dispatcher.WithFallback("!q");
        dispatcher.WithFallback("q");

        Assert.That(InputOf(scope, "answer0").Parents.Single().Name, Is.EqualTo("unreliable0"));
        Assert.That(InputOf(scope, "answer1").Parents.Single().Name, Is.EqualTo("recall0"));
        Assert.That(InputOf(scope, "answer2").Parents.Single().Name, Is.EqualTo("unreliable2"));
    }

    [Test]
    public void A_canned_reply_after_a_failed_step_links_to_nothing_even_after_the_step_succeeded_in_an_earlier_call()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        dispatcher.WithCannedReply("q");
        dispatcher.WithCannedReply("!q");
        dispatcher.WithCannedReply("q");

        Assert.That(InputOf(scope, "answer0").Parents.Single().Name, Is.EqualTo("unreliable0"));
        Assert.That(InputOf(scope, "answer1"), Is.InstanceOf<InputNode>(), "the step failed: its slot is this call's, and empty");
        Assert.That(InputOf(scope, "answer2").Parents.Single().Name, Is.EqualTo("unreliable2"));
    }

    [Test]
    public void A_switch_links_the_step_of_the_section_that_ran()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        dispatcher.ByKind("q", 2);
        dispatcher.ByKind("q", 0);
        dispatcher.ByKind("q", 1);

        Assert.That(new[] { "answer0", "answer1", "answer2" }.Select(a => InputOf(scope, a).Parents.Single().Name), Is.EqualTo(new[] { "draft0", "search0", "recall0" }));
        Assert.That(((GlueNode)InputOf(scope, "answer2")).Expression, Is.EqualTo("$\"[{found}]\""));
    }

    [Test]
    public void A_number_from_one_of_two_steps_links_the_step_that_made_it()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        dispatcher.Counted("two words", words: true);
        dispatcher.Counted("two words", words: false);

        Assert.That(InputOf(scope, "answerNumber0").Parents.Single().Name, Is.EqualTo("countWords0"));
        Assert.That(InputOf(scope, "answerNumber1").Parents.Single().Name, Is.EqualTo("count0"));
    }

    [Test]
    public void A_result_changed_on_one_path_links_on_both_and_shows_how_it_was_built()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        var loud = dispatcher.Marked("q", loud: true);
        dispatcher.Marked("q", loud: false);

        Assert.That(loud, Is.EqualTo("Answer: Search: q!"));
        var glued = (GlueNode)InputOf(scope, "answer0");
        Assert.That(glued.Expression, Is.EqualTo("var text = Search(question); if (loud) text += \"!\";"));
        Assert.That(glued.Parents.Single().Name, Is.EqualTo("search0"));
        Assert.That(InputOf(scope, "answer1").Parents.Single().Name, Is.EqualTo("search1"));
    }

    [Test]
    public void Text_no_step_made_on_the_path_taken_links_to_no_step_an_earlier_call_left()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        dispatcher.MaybeSearched("q", search: true);
        dispatcher.MaybeSearched("q", search: false);

        Assert.That(InputOf(scope, "answer1"), Is.InstanceOf<InputNode>(), "'none' came from no step");
        Assert.That(Reached(scope, "answer1"), Is.EquivalentTo(new[] { "Dispatcher.AnswerInstruction" }));
    }

    [Test]
    public void A_step_that_ran_but_whose_value_was_not_kept_is_not_linked()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        var answer = dispatcher.KeptOnFailure("");

        Assert.That(answer, Is.EqualTo("Answer: Search: !"));
        Assert.That(scope.Graph.Nodes.Select(n => n.Name), Does.Contain("sometimes0"), "the step ran and completed");
        Assert.That(Ancestors(Call(scope, "answer0")).Select(n => n.Name), Does.Not.Contain("sometimes0"));
    }

    [Test]
    public void Steps_added_on_two_paths_link_only_the_step_every_path_holds_never_a_part()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        dispatcher.AppendedTwice("q", recall: true, draft: true);

        // Linking the draft alone, the step that ran last, would leave out the recall in the text: neither is claimed.
        Assert.That(InputOf(scope, "answer0").Parents.Select(p => p.Name), Is.EqualTo(new[] { "search0" }));
    }

    [Test]
    public async Task An_async_method_that_calls_itself_links_each_activation_to_its_own_branch()
    {
        var dispatcher = new Dispatcher();
        using var scope = TraceScope.Begin();

        await dispatcher.Nested("q", depth: 1);

        Assert.That(InputOf(scope, "answer0").Parents.Single().Name, Is.EqualTo("search0"), "the inner activation");
        Assert.That(InputOf(scope, "answer1").Parents.Single().Name, Is.EqualTo("recall0"), "the outer one, though the inner step ran later");
    }
}
