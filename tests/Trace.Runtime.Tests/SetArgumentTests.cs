using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>Methods with <c>out</c>, <c>ref</c> and <c>in</c> parameters are traced; what they set in them is linked to their call.</summary>
public class SetArgumentTests
{
    [Test]
    public void An_out_result_links_to_the_call_that_set_it()
    {
        var parser = new ReplyParser();
        using var scope = TraceScope.Begin();

        parser.ReadThenClassify(new string('a', 3));

        var read = Call(scope, "tryRead0");
        Assert.That(read.Inputs.Select(i => i.Key), Is.EqualTo(new[] { "reply" }), "an out parameter is not an input");
        var verdict = (GlueNode)InputOf(scope, "classify0");
        Assert.That(verdict.Expression, Is.EqualTo("TryRead(reply, out var verdict)"), "the compiler sees where the local is set");
        Assert.That(verdict.Parents.Single(), Is.SameAs(read));
        Assert.That(scope.Graph.Backward(Call(scope, "classify0"), "Wrong class.").Parameters.Select(p => p.Name), Does.Contain("ReplyParser.ReadInstruction"));
    }

    [Test]
    public void A_literal_set_in_an_out_parameter_is_replaced_by_a_copy_of_the_calls_own()
    {
        var parser = new ReplyParser();
        using var scope = TraceScope.Begin();

        Assert.That(parser.LabelThenClassify(new string('a', 3)), Is.EqualTo("short"));

        var label = (GlueNode)InputOf(scope, "classify0");
        Assert.That(label.Value, Is.EqualTo("none"));
        Assert.That(label.Value, Is.Not.SameAs("none"), "the literal is shared by the whole program; the caller got a copy");
        Assert.That(label.Parents.Single().Name, Is.EqualTo("tryLabel0"));
    }

    [Test]
    public void A_ref_argument_the_call_changed_links_to_it_and_one_it_left_alone_does_not()
    {
        var parser = new ReplyParser();
        using var scope = TraceScope.Begin();

        parser.RefinedThenClassified(new string('a', 3));
        parser.LookedAtThenClassified(new string('b', 3));

        var refine = Call(scope, "refine0");
        Assert.That(refine.Inputs.Single().Value, Is.TypeOf<InputNode>(), "the prompt it was given is its input");
        var refined = (GlueNode)InputOf(scope, "classify0");
        Assert.That(refined.Expression, Is.EqualTo("refine0.prompt"));
        Assert.That(refined.Parents.Single(), Is.SameAs(refine));
        Assert.That(InputOf(scope, "classify1"), Is.SameAs(InputOf(scope, "look0")), "a prompt left as it was is the same input");
    }

    [Test]
    public void A_value_passed_by_in_is_an_input_linked_as_any_argument()
    {
        var parser = new ReplyParser();
        using var scope = TraceScope.Begin();

        Assert.That(parser.ReadThenMeasured(new string('a', 3)), Is.EqualTo("Read: aaa".Length));

        var verdict = (GlueNode)InputOf(scope, "measure0");
        Assert.That(verdict.Parents.Single().Name, Is.EqualTo("tryRead0"));
    }

    [Test]
    public void Untraced_the_methods_do_the_same()
    {
        var parser = new ReplyParser();
        var untraced = (parser.ReadThenClassify("abc"), parser.LabelThenClassify("abc"), parser.RefinedThenClassified("abc"), parser.LookedAtThenClassified("abc"), parser.ReadThenMeasured("abc"));
        using var scope = TraceScope.Begin();

        Assert.That((parser.ReadThenClassify("abc"), parser.LabelThenClassify("abc"), parser.RefinedThenClassified("abc"), parser.LookedAtThenClassified("abc"), parser.ReadThenMeasured("abc")), Is.EqualTo(untraced));
    }
}
