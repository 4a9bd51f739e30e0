using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>
/// Text a traced method builds up in a loop from traced calls (<c>notes += Summarize(doc)</c>) links to every one of those
/// calls its running call made, and to none of another run's.
/// </summary>
public class LoopNotesTests
{
    private static readonly string[] s_docs = ["one", "two", "three"];

    [Test]
    public void Notes_built_in_a_loop_link_to_every_summary_of_this_run_and_the_introduction()
    {
        var digest = new Digest();
        using var scope = TraceScope.Begin();

        var answer = digest.Digested("q", s_docs);
        digest.Digested("r", ["four"]);

        Assert.That(answer, Is.EqualTo("Answer(Intro: q\n- Summary: one\n- Summary: two\n- Summary: three\n)"));
        var notes = (GlueNode)InputOf(scope, "answer0");
        Assert.That(notes.Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "introduce0", "summarize0", "summarize1", "summarize2" }));
        Assert.That(notes.Expression, Is.EqualTo("notes = Introduce(question) + \"\\n\"; in a loop: notes += \"- \" + Summarize(doc).Trim() + \"\\n\""));
        Assert.That(InputOf(scope, "answer1").Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "introduce1", "summarize3" }), "the second run's own calls only");
        Assert.That(Reached(scope, "answer1"), Is.EquivalentTo(new[] { "Digest.AnswerInstruction", "Digest.IntroInstruction", "Digest.SummaryInstruction" }));
    }

    [Test]
    public async Task Awaited_results_added_through_a_local_link_each_in_order()
    {
        var digest = new Digest();
        using var scope = TraceScope.Begin();

        var answer = await digest.DigestedAsync(s_docs);

        Assert.That(answer, Is.EqualTo("Answer(Summary: one\nSummary: two\nSummary: three\n)"));
        Assert.That(InputOf(scope, "answer0").Parents.Select(p => p.Name), Is.EqualTo(new[] { "summarize0", "summarize1", "summarize2" }));
    }

    [Test]
    public void A_number_added_up_in_a_loop_links_to_every_score()
    {
        var digest = new Digest();
        using var scope = TraceScope.Begin();

        var answer = digest.Totalled(s_docs);

        Assert.That(answer, Is.EqualTo($"Answer({7 * 3 + 3 + 3 + 5})"));
        Assert.That(InputOf(scope, "answerNumber0").Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "score0", "score1", "score2" }));
    }

    [Test]
    public void A_run_inside_its_own_loop_links_its_own_summaries_and_the_outer_run_links_its_own()
    {
        var digest = new Digest();
        using var scope = TraceScope.Begin();

        digest.Explored("q", depth: 1);

        // Outer: summarize0 (qa), inner run 0 (summarize1, summarize2), summarize3 (qb), inner run 1 (summarize4, summarize5).
        Assert.That(InputOf(scope, "answer0").Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "summarize1", "summarize2" }), "not the outer run's summary");
        Assert.That(InputOf(scope, "answer1").Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "summarize4", "summarize5" }));
        Assert.That(InputOf(scope, "answer2").Parents.Select(p => p.Name), Is.EquivalentTo(new[] { "summarize0", "summarize3", "explored0", "explored1" }));
    }

    [Test]
    public void A_run_reached_without_its_interceptor_links_none_of_its_loop_rather_than_another_runs()
    {
        var digest = new Digest();
        // Reported by OPTO003 where it is written; taken here on purpose.
#pragma warning disable OPTO003
        Func<string, string[], string> digested = digest.Digested;
#pragma warning restore OPTO003
        using var scope = TraceScope.Begin();

        digested("q", s_docs);
        digested("r", ["four"]);

        // A delegate call runs the method's body without a running call of its own: its runs cannot be told apart.
        Assert.That(InputOf(scope, "answer1").Parents.Select(p => p.Name), Is.EqualTo(new[] { "introduce1" }));
    }
}
