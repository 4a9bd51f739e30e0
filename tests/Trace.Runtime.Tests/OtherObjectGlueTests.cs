using Microsoft.Extensions.Options;
using Opto;
using Trace.Runtime.Tests.Fixtures.OtherObjects;

namespace Trace.Runtime.Tests;

/// <summary>
/// A <c>[Trainable]</c> value of another object, glued into a traced call's argument by a method that is not traced, is a
/// parent of the glue when the object is reached from the glue's <c>this</c> (the call's receiver, or a traced caller's)
/// or from a static member, through fields and auto-properties.
/// </summary>
public class OtherObjectGlueTests
{
    private static ParameterNode Listed(object owner, string member) =>
        Opto.Interception.TrainableRegistry.ParametersOf(owner).Single(p => p.Name.EndsWith("." + member, StringComparison.Ordinal));

    private static Assistant NewAssistant(PromptBook? captured = null, AgentSettings? settings = null) =>
        new(captured ?? new PromptBook(), Options.Create(settings ?? new AgentSettings()));

    // The glue node given to the latest call of `name`, and the parameters a backward from that call reaches.
    private static (GlueNode Glue, IReadOnlyList<ParameterNode> Reached) Glued(TraceScope scope, string name)
    {
        var call = (MessageNode)scope.Graph.Nodes.Last(n => n is MessageNode m && m.Name.StartsWith(name, StringComparison.Ordinal));
        var glue = (GlueNode)call.Inputs.Single().Value;
        return (glue, scope.Graph.Backward(call, "Wrong.").Parameters);
    }

    [Test]
    public void A_book_in_a_private_field_links_to_that_object_s_parameter()
    {
        var first = NewAssistant();
        var second = NewAssistant();
        using var scope = TraceScope.Begin();

        first.FromField(new string('a', 1));
        var (glue, reached) = Glued(scope, "reply");
        second.FromField(new string('b', 1));
        var (otherGlue, otherReached) = Glued(scope, "reply");

        Assert.That(glue.Parents, Is.EqualTo(new[] { Listed(first.Book, "SummaryInstruction") }));
        Assert.That(reached, Is.EqualTo(new[] { Listed(first.Book, "SummaryInstruction") }));
        Assert.That(otherGlue.Parents, Is.EqualTo(new[] { Listed(second.Book, "SummaryInstruction") }));
        Assert.That(otherReached, Is.Not.EqualTo(reached));
    }

    [Test]
    public void Auto_properties_a_captured_parameter_options_and_a_local_link_too()
    {
        var captured = new PromptBook { Greeting = "Hi" };
        var settings = new AgentSettings { SystemPrompt = "Be kind." };
        var assistant = NewAssistant(captured, settings);
        using var scope = TraceScope.Begin();

        assistant.FromChain(new string('a', 1));
        Assert.That(Glued(scope, "reply").Reached, Is.EqualTo(new[] { Listed(assistant.Settings.Prompts, "Greeting") }));
        assistant.FromCaptured(new string('b', 1));
        Assert.That(Glued(scope, "reply").Reached, Is.EqualTo(new[] { Listed(captured, "Greeting") }));
        assistant.FromOptions(new string('c', 1));
        Assert.That(Glued(scope, "reply").Glue.Parents, Is.EqualTo(new[] { Listed(settings, "SystemPrompt") }));
        assistant.FromOptionsUntraced(new string('e', 1));
        Assert.That(Glued(scope, "reply").Reached, Is.EqualTo(new[] { Listed(settings, "SystemPrompt") }));
        assistant.ThroughALocal(new string('d', 1));
        Assert.That(Glued(scope, "reply").Reached, Is.EqualTo(new[] { Listed(assistant.Book, "SummaryInstruction") }));
    }

    [Test]
    public void Objects_kept_in_locals_link_to_their_own_parameters()
    {
        var settings = new AgentSettings { SystemPrompt = "Be kind." };
        var first = NewAssistant(settings: settings);
        var second = NewAssistant();
        using var scope = TraceScope.Begin();

        first.ThroughLocalObjects(new string('a', 1));
        var (glue, reached) = Glued(scope, "reply");
        second.ThroughLocalObjects(new string('b', 1));
        var (_, otherReached) = Glued(scope, "reply");

        Assert.That(glue.Parents, Is.EquivalentTo(new[] { Listed(settings, "SystemPrompt"), Listed(first.Book, "SummaryInstruction") }));
        Assert.That(reached, Is.EquivalentTo(glue.Parents));
        Assert.That(otherReached, Has.No.Member(Listed(first.Book, "SummaryInstruction")).And.Count.EqualTo(2));
    }

    [Test]
    public void A_static_member_s_book_links_whatever_the_call_is_made_on()
    {
        var assistant = NewAssistant();
        using var scope = TraceScope.Begin();

        assistant.FromStatic(new string('a', 1));
        Assert.That(Glued(scope, "reply").Reached, Is.EqualTo(new[] { Listed(Prompts.Default, "Greeting") }));
        Assistant.FromStaticInStatic(new string('b', 1));
        Assert.That(Glued(scope, "say").Reached, Is.EqualTo(new[] { Listed(Prompts.Default, "Greeting") }));
    }

    [Test]
    public void A_mutable_field_read_in_the_argument_links_the_object_it_holds_at_the_call()
    {
        var assistant = NewAssistant();
        var before = assistant.Mutable;
        var after = new PromptBook { SummaryInstruction = "Swapped." };
        using var scope = TraceScope.Begin();

        assistant.FromMutable(new string('a', 1));
        Assert.That(Glued(scope, "reply").Reached, Is.EqualTo(new[] { Listed(before, "SummaryInstruction") }));
        assistant.Swap(after);
        var text = assistant.FromMutable(new string('b', 1));
        Assert.That(text, Does.StartWith("SWAPPED."));
        Assert.That(Glued(scope, "reply").Reached, Is.EqualTo(new[] { Listed(after, "SummaryInstruction") }));
    }

    [Test]
    public void A_traced_caller_s_book_links_to_the_glue_of_a_call_on_another_object()
    {
        var assistant = NewAssistant();
        using var scope = TraceScope.Begin();

        assistant.Routed(new string('a', 1));

        var (glue, _) = Glued(scope, "reply");
        Assert.That(glue.Parents, Is.EqualTo(new[] { Listed(assistant.Book, "SummaryInstruction") }));
    }

    [Test]
    public void Two_static_paths_that_differ_in_their_first_type_link_both_books()
    {
        var deferring = new Deferring();
        using var scope = TraceScope.Begin();

        deferring.BothShelves(new string('a', 1));

        Assert.That(Glued(scope, "reply").Glue.Parents, Is.EquivalentTo(new[] { Listed(FirstShelf.Book, "Greeting"), Listed(SecondShelf.Book, "Greeting") }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_lambda_or_local_function_kept_by_one_object_and_run_in_another_s_call_is_not_linked_to_the_other_s_book(bool local)
    {
        var keeper = new Deferring();
        var runner = new Deferring();
        using var scope = TraceScope.Begin();

        if (local)
        {
            keeper.OuterLocal(null, new string('a', 1));
            runner.OuterLocal(keeper, new string('b', 1));
        }
        else
        {
            keeper.Outer(null, new string('a', 1));
            runner.Outer(keeper, new string('b', 1));
        }

        // The glue cannot tell which object's running call it is in: its read is left to the traced method's own node.
        var call = (MessageNode)scope.Graph.Nodes.Last(n => n.Name.StartsWith("reply", StringComparison.Ordinal));
        var parents = call.Inputs.Single().Value is GlueNode glue ? glue.Parents : [];
        Assert.That(parents, Does.Not.Contain(Listed(runner.Book, "SummaryInstruction")));
        Assert.That(parents, Does.Not.Contain(Listed(keeper.Book, "SummaryInstruction")));
    }
}
