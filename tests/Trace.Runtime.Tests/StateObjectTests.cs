using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>What a traced method keeps in an object it is given is linked where a later traced method reads it.</summary>
public class StateObjectTests
{
    [Test]
    public void Steps_passing_one_state_object_link_each_step_to_the_one_whose_member_it_reads()
    {
        var pipeline = new Pipeline();
        using var scope = TraceScope.Begin();
        var state = new PipelineState { Question = new string('q', 3) };

        pipeline.Retrieve(state);
        pipeline.Write(state);
        pipeline.Annotate(state);
        pipeline.Finish(state);

        var written = (GlueNode)InputOf(scope, "write0");
        Assert.That(written.Expression, Is.EqualTo("state { Documents }"), "the state as the step read it");
        Assert.That(written.Parents.Cast<GlueNode>().Select(p => p.Expression), Is.EqualTo(new[] { "retrieve0.state.Documents" }));
        var finished = (GlueNode)InputOf(scope, "finish0");
        Assert.That(finished.Parents.Cast<GlueNode>().Select(p => p.Expression), Is.EqualTo(new[] { "write0.state.Draft" }), "the draft only: the note is not read");
        Assert.That(Reached(scope, "finish0"), Is.EquivalentTo(new[] { "Pipeline.DraftInstruction", "Pipeline.RetrievalInstruction" }));
    }

    [Test]
    public void A_member_read_by_untraced_code_and_a_list_a_step_added_to_link_to_that_step()
    {
        var pipeline = new Pipeline();
        using var scope = TraceScope.Begin();
        var state = new PipelineState { Question = new string('q', 3) };

        pipeline.Retrieve(state);
        pipeline.Classify(state.Documents);
        pipeline.Summarize(state);

        Assert.That(((GlueNode)InputOf(scope, "classify0")).Expression, Is.EqualTo("retrieve0.state.Documents"));
        var summarized = (GlueNode)InputOf(scope, "summarize0");
        Assert.That(summarized.Expression, Is.EqualTo("state { Log }"));
        Assert.That(((GlueNode)summarized.Parents.Single()).Expression, Is.EqualTo("retrieve0.state.Log[0]"));
    }

    [Test]
    public void A_member_read_by_a_helper_the_step_gives_the_state_to_links_as_one_it_reads_itself()
    {
        var pipeline = new Pipeline();
        using var scope = TraceScope.Begin();
        var state = new PipelineState { Question = new string('q', 3) };

        pipeline.Retrieve(state);
        pipeline.Write(state);
        var response = pipeline.Respond(state);

        Assert.That(response, Is.EqualTo("Response to Draft: Draft from Find: qqq"));
        var responded = (GlueNode)InputOf(scope, "respond0");
        Assert.That(responded.Expression, Is.EqualTo("state { Draft }"));
        Assert.That(Reached(scope, "respond0"), Is.EquivalentTo(new[] { "Pipeline.DraftInstruction", "Pipeline.RetrievalInstruction" }));
    }

    [Test]
    public async Task A_step_that_completes_later_links_what_it_kept_once_its_task_completes()
    {
        var pipeline = new Pipeline();
        using var scope = TraceScope.Begin();
        var state = new PipelineState { Question = new string('q', 3) };

        await pipeline.RetrieveAsync(state);
        pipeline.Write(state);

        Assert.That(((GlueNode)InputOf(scope, "write0").Parents.Single()).Expression, Is.EqualTo("retrieve0.state.Documents"));
    }

    [Test]
    public void The_same_state_read_again_after_another_step_links_to_that_step_not_the_first()
    {
        var pipeline = new Pipeline();
        using var scope = TraceScope.Begin();
        var state = new PipelineState { Question = new string('q', 3) };

        pipeline.Retrieve(state);
        pipeline.Write(state);
        state.Question = new string('r', 3);
        pipeline.Retrieve(state);
        pipeline.Write(state);

        Assert.That(((GlueNode)InputOf(scope, "write1").Parents.Single()).Expression, Is.EqualTo("retrieve1.state.Documents"));
        Assert.That(Ancestors(InputOf(scope, "write1")).Select(n => n.Name), Does.Not.Contain("retrieve0"), "the state is read again, not its first reading");
    }

    [Test]
    public void A_state_whose_members_hold_only_inputs_stays_an_input()
    {
        var pipeline = new Pipeline();
        using var scope = TraceScope.Begin();
        var state = new PipelineState { Question = new string('q', 3), Draft = new string('d', 3) };

        pipeline.Finish(state);

        Assert.That(InputOf(scope, "finish0"), Is.InstanceOf<InputNode>());
        Assert.That(pipeline.Finish(new PipelineState { Draft = "x" }), Is.EqualTo("Answer: x"), "the result is the method's own");
    }
}
