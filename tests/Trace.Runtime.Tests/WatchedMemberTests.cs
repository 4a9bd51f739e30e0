using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>What a traced method adds to or sets in a member of its own object is linked to its call.</summary>
public class WatchedMemberTests
{
    [Test]
    public void What_a_call_adds_to_its_history_sets_as_its_last_answer_and_writes_in_its_transcript_links_to_it()
    {
        var assistant = new Assistant();
        using var scope = TraceScope.Begin();

        assistant.Ask(new string('q', 3));
        assistant.Ask(new string('r', 3));
        assistant.ClassifyAll(assistant.History);
        assistant.Classify(assistant.LastAnswer);
        assistant.Classify(assistant.Transcript.ToString());

        var history = InputOf(scope, "classifyAll0").Parents.Cast<GlueNode>().ToList();
        Assert.That(history.Select(e => e.Expression), Is.EqualTo(new[] { "ask0._history[0]", "ask1._history[1]" }), "a private list, each entry to the call that added it");
        Assert.That(history.Select(e => e.Parents.Single().Name), Is.EqualTo(new[] { "ask0", "ask1" }));
        var last = (GlueNode)InputOf(scope, "classify0");
        Assert.That(last.Parents.Single().Name, Is.EqualTo("ask1"), "the answer the last call set");
        Assert.That(Ancestors(InputOf(scope, "classify1")).Select(n => n.Name), Is.SupersetOf(new[] { "ask0", "ask1" }), "the transcript's parts");
        Assert.That(Reached(scope, "classify0"), Does.Contain("Assistant.AnswerInstruction"));
    }

    [Test]
    public void An_answer_put_first_links_to_its_call_and_the_entries_it_moved_keep_theirs()
    {
        var assistant = new Assistant();
        using var scope = TraceScope.Begin();

        assistant.Ask(new string('a', 3));
        assistant.Ask(new string('b', 3));
        assistant.AskFirst(new string('c', 3));
        assistant.ClassifyAll(assistant.History);

        var history = InputOf(scope, "classifyAll0").Parents.Cast<GlueNode>().ToList();
        Assert.That(history.Select(e => e.Parents.Single().Name), Is.EqualTo(new[] { "askFirst0", "ask0", "ask1" }));
        Assert.That(history[0].Expression, Is.EqualTo("askFirst0._history[0]"));
    }

    [Test]
    public async Task Two_calls_in_flight_on_one_object_each_link_only_what_they_set()
    {
        var assistant = new Assistant();
        using var scope = TraceScope.Begin();

        // The slow call starts first and completes last (a call's node is numbered as it completes: the fast one is ask0).
        // What the fast one set and added while the slow one ran is not the slow one's.
        var slow = assistant.AskAsync(new string('s', 3), 200);
        await assistant.AskAsync(new string('f', 3), 0);
        assistant.Classify(assistant.LastAnswer);
        await slow;
        assistant.ClassifyAll(assistant.History);
        assistant.Classify(assistant.LastAnswer);

        Assert.That(((GlueNode)InputOf(scope, "classify0")).Parents.Single().Name, Is.EqualTo("ask0"));
        var history = InputOf(scope, "classifyAll0").Parents.Cast<GlueNode>().ToList();
        Assert.That(history.Select(e => e.Parents.Single().Name), Is.EqualTo(new[] { "ask0", "ask1" }), "each entry to its own call");
        Assert.That(((GlueNode)InputOf(scope, "classify1")).Parents.Single().Name, Is.EqualTo("ask1"));
    }

    [Test]
    public void A_value_the_call_was_given_or_got_from_another_traced_call_stays_where_it_came_from()
    {
        var assistant = new Assistant();
        using var scope = TraceScope.Begin();

        var drafted = assistant.Draft(new string('d', 3));
        assistant.Keep(drafted);
        assistant.Classify(assistant.LastAnswer);
        assistant.Keep(new string('k', 3));
        assistant.Classify(assistant.LastAnswer);
        assistant.AskThroughDraft(new string('n', 3));
        assistant.Classify(assistant.LastAnswer);

        Assert.That(InputOf(scope, "classify0"), Is.SameAs(Call(scope, "draft0")), "kept as it was given: still the draft's");
        Assert.That(InputOf(scope, "classify1"), Is.TypeOf<InputNode>(), "the caller's own text stays the caller's input");
        Assert.That(Ancestors(InputOf(scope, "classify2")).Select(n => n.Name), Is.SupersetOf(new[] { "askThroughDraft0", "draft1" }),
            "made by a traced call inside it: linked to both, as a returned one is");
        Assert.That(Reached(scope, "classify2"), Does.Contain("Assistant.AnswerInstruction"));
    }

    [Test]
    public void Untraced_the_members_hold_the_same()
    {
        var untraced = new Assistant();
        untraced.Ask("q");
        var traced = new Assistant();
        using (TraceScope.Begin()) traced.Ask("q");

        Assert.That(traced.History, Is.EqualTo(untraced.History));
        Assert.That(traced.LastAnswer, Is.EqualTo(untraced.LastAnswer));
        Assert.That(traced.Transcript.ToString(), Is.EqualTo(untraced.Transcript.ToString()));
    }
}
