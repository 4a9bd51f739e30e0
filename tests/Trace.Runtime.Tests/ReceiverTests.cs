using Opto;
using Opto.Optimizers;
using Opto.Training;
using Opto.Transport;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>A traced call made on an object another traced call returned depends on that call, as on an argument.</summary>
public class ReceiverTests
{
    private static MessageNode Named(TraceScope scope, string name) => (MessageNode)scope.Graph.Nodes.Single(n => n.Name == name);

    private static IEnumerable<string> Reached(TraceScope scope, string name) =>
        scope.Graph.Backward(Named(scope, name), "Too long.", new Opto.Backward.BackwardOptions()).Parameters.Select(p => p.Name);

    [Test]
    public void A_method_called_on_a_loaded_document_depends_on_the_load()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        reader.SummarizeLoaded(new string('a', 3));

        Assert.That(Named(scope, "summarize0").Receiver, Is.SameAs(Named(scope, "load0")));
        Assert.That(Named(scope, "summarize0").Parents, Does.Contain(Named(scope, "load0")));
        Assert.That(Reached(scope, "summarize0"), Is.EqualTo(new[] { "Reader.LoadInstruction" }));
    }

    [Test]
    public void A_method_called_directly_on_a_call_s_result_depends_on_that_call()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        reader.SummarizeChained(new string('a', 3));

        Assert.That(Named(scope, "summarize0").Receiver, Is.SameAs(Named(scope, "load0")));
        Assert.That(Reached(scope, "summarize0"), Is.EqualTo(new[] { "Reader.LoadInstruction" }));
    }

    [Test]
    public async Task An_awaited_result_s_method_depends_on_the_call_and_calls_on_this_inside_it_do_not()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        await reader.SummarizeAsync(new string('a', 3));

        var outer = scope.Graph.Nodes.OfType<MessageNode>().Single(n => n.Operator.MethodName == "SummarizeAsync");
        var inner = scope.Graph.Nodes.OfType<MessageNode>().Single(n => n.Operator.MethodName == "Summarize");
        Assert.That(outer.Receiver, Is.SameAs(Named(scope, "load0")));
        Assert.That(Reached(scope, outer.Name), Is.EqualTo(new[] { "Reader.LoadInstruction" }));
        // Summarize(1) inside SummarizeAsync runs on `this`: the enclosing call already depends on the object.
        Assert.That(inner.Receiver, Is.Null);
        Assert.That(Named(scope, "suffix0").Receiver, Is.Null);
    }

    [Test]
    public void An_object_the_program_made_is_not_a_parent_even_after_it_was_an_argument()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        reader.SummarizeOwn("some text here");

        Assert.That(Named(scope, "keep0").Inputs.Single().Value, Is.InstanceOf<InputNode>());
        Assert.That(Named(scope, "summarize0").Receiver, Is.Null);
        Assert.That(Named(scope, "summarize0").Parents.OfType<MessageNode>(), Is.Empty);
    }

    [Test]
    public void A_fluent_chain_links_each_call_to_the_one_before()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        var text = reader.Build("Title", "first", "second");

        Assert.That(text, Is.EqualTo("Title\nfirst\nsecond"));
        Assert.That(Named(scope, "with0").Receiver, Is.SameAs(Named(scope, "begin0")));
        Assert.That(Named(scope, "with1").Receiver, Is.SameAs(Named(scope, "with0")));
        Assert.That(Named(scope, "render0").Receiver, Is.SameAs(Named(scope, "with1")));
    }

    [Test]
    public void A_result_kept_in_a_field_is_linked_when_a_method_is_called_on_the_field()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        reader.Held(new string('a', 3));

        Assert.That(Named(scope, "summarize0").Receiver, Is.SameAs(Named(scope, "load0")));
    }

    [Test]
    public void A_call_that_throws_on_a_loaded_document_depends_on_the_load_and_has_no_cause()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        Assert.Throws<InvalidOperationException>(() => reader.Fail(new string('a', 3)));

        var thrown = (ExceptionNode)Named(scope, "fail0");
        Assert.That(thrown.Receiver, Is.SameAs(Named(scope, "load0")));
        Assert.That(thrown.Parents, Is.EqualTo(new[] { Named(scope, "load0") }));
        Assert.That(Reached(scope, "fail0"), Is.EqualTo(new[] { "Reader.LoadInstruction" }));
    }

    [Test]
    public void The_optimizer_shows_the_call_made_on_the_result_and_the_load_as_its_parent()
    {
        var reader = new Reader();
        var optimizer = new OptoPrime(reader.TrainableParameters(), new Microsoft.Extensions.AI.ChatClientBuilder(new NoChat()).Build());
        using var scope = TraceScope.Begin();

        optimizer.Backward(reader.SummarizeChained("report.txt"), "Too short.");
        var problem = optimizer.BuildProblem();

        Assert.That(problem.Code, Does.Contain("load0 = Load(path=path0)"));
        Assert.That(problem.Code, Does.Contain("summarize0 = load0.Summarize(words=words0)"));
        Assert.That(problem.Variables, Does.Contain("Reader.LoadInstruction"));
    }

    [Test]
    public void A_packed_graph_and_a_stored_graph_keep_the_receiver()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();
        var output = scope.Graph.NodeOf(reader.SummarizeChained(new string('a', 3)))!;

        var packed = GraphTransport.Pack(output);
        var unpacked = (MessageNode)GraphTransport.Unpack(packed, reader.TrainableParameters()).Output;
        var record = GraphRecord.From("example", output);

        Assert.That(unpacked.Receiver?.Name, Is.EqualTo("load0"));
        Assert.That(unpacked.Backward("Too long.").Parameters.Select(p => p.Name), Is.EqualTo(new[] { "Reader.LoadInstruction" }));
        var load = record.Nodes.Single(n => n.Name == "load0");
        Assert.That(record.Nodes.Single(n => n.Name == "summarize0").Parents, Does.Contain(load.Id));
    }

    [Test]
    public async Task An_object_reached_from_a_call_s_result_is_glue_over_that_call()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        await reader.DescribeFirstPageAsync("first second");

        var page = (GlueNode)Named(scope, "describe0").Receiver!;
        Assert.That(page.Name, Is.EqualTo("page0"));
        Assert.That(page.Expression, Is.EqualTo("Load(path).Pages[0]"));
        Assert.That(page.Parents, Is.EqualTo(new[] { Named(scope, "load0") }));
        Assert.That(Reached(scope, "describe0"), Is.EqualTo(new[] { "Reader.LoadInstruction" }));
    }

    [Test]
    public async Task A_struct_a_call_returned_is_linked_by_the_compiler_s_flow_directly_or_as_glue()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        await reader.DescribeMeasuredAsync("text");

        Assert.That(Named(scope, "describe0").Receiver, Is.SameAs(Named(scope, "measure0")));
        var doubled = (GlueNode)Named(scope, "describe1").Receiver!;
        Assert.That(doubled.Expression, Is.EqualTo("Measure(text).Doubled()"));
        Assert.That(doubled.Parents, Is.EqualTo(new[] { Named(scope, "measure1") }));
        Assert.That(Reached(scope, "describe1"), Is.EqualTo(new[] { "Reader.LoadInstruction" }));
    }
}
