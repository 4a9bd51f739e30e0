using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>
/// What a traced call made, kept through glue in a field or auto-property of an object the workflow made for itself
/// (<c>state.Context = "Found: " + Search(q)</c>), links to that call where the member is read back.
/// </summary>
public class LocalStateTests
{
    [Test]
    public void Text_kept_in_a_member_of_a_local_state_object_links_to_the_call_that_made_it()
    {
        var workflow = new Workflow();
        using var scope = TraceScope.Begin();

        var answer = workflow.Run("why");
        workflow.Run("how");

        Assert.That(answer, Is.EqualTo("Answer: Found: Search: why\nQuestion: why"));
        var glued = (GlueNode)InputOf(scope, "answer1");
        Assert.That(glued.Parents.Select(p => p.Name), Is.EqualTo(new[] { "search1" }), "this run's search, not the one before");
        Assert.That(Reached(scope, "answer1"), Is.EquivalentTo(new[] { "Workflow.AnswerInstruction", "Workflow.SearchInstruction" }));
    }

    [Test]
    public void A_number_kept_in_a_field_set_by_the_initializer_links_to_the_call_that_made_it()
    {
        var workflow = new Workflow();
        using var scope = TraceScope.Begin();

        var answer = workflow.RunCount("one two three");

        Assert.That(answer, Is.EqualTo("Answer: 16"));
        Assert.That(InputOf(scope, "answerNumber0").Parents.Select(p => p.Name), Is.EqualTo(new[] { "count0" }));
        Assert.That(Reached(scope, "answerNumber0"), Is.EquivalentTo(new[] { "Workflow.AnswerInstruction", "Workflow.CountInstruction" }));
    }
}
