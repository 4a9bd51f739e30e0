using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>What a traced method adds to a list, a dictionary, a builder or an array it is given is linked to its call.</summary>
public class FilledArgumentTests
{
    [Test]
    public void Notes_two_calls_added_to_a_list_link_the_list_to_both_calls()
    {
        var notebook = new Notebook();
        using var scope = TraceScope.Begin();

        Assert.That(notebook.NotesThenClassify(new string('a', 3), new string('b', 3)), Is.EqualTo("many"));

        var notes = InputOf(scope, "classify0");
        Assert.That(notes, Is.TypeOf<CollectionNode>());
        var elements = notes.Parents.Cast<GlueNode>().ToList();
        Assert.That(elements.Select(e => e.Expression), Is.EqualTo(new[] { "addNote0.into[0]", "addNote1.into[1]" }));
        Assert.That(elements.Select(e => e.Parents.Single().Name), Is.EqualTo(new[] { "addNote0", "addNote1" }));
        Assert.That(Reached(scope, "classify0"), Does.Contain("Notebook.NoteInstruction"));
    }

    [Test]
    public async Task A_note_an_async_call_added_links_when_its_task_completes()
    {
        var notebook = new Notebook();
        using var scope = TraceScope.Begin();

        await notebook.AsyncNoteThenClassify(new string('a', 3));

        var element = (GlueNode)InputOf(scope, "classify0").Parents.Single();
        Assert.That(element.Parents.Single().Name, Is.EqualTo("addNote0"), "an async method's node is named without its suffix");
    }

    [Test]
    public async Task Notes_calls_running_at_the_same_time_added_each_link_to_their_own_call()
    {
        var notebook = new Notebook();
        using var scope = TraceScope.Begin();

        await notebook.NotesAddedTogether(new string('a', 3), new string('b', 3));

        var elements = InputOf(scope, "classify0").Parents.Cast<GlueNode>().ToList();
        Assert.That(elements, Has.Count.EqualTo(2));
        foreach (var element in elements)
        {
            var call = (MessageNode)element.Parents.Single();
            var ticket = (string)call.Inputs.Single(i => i.Key == "ticket").Value.Value!;
            Assert.That((string)element.Value!, Does.EndWith(ticket), "each note links to the call that wrote it, not to the one that completed last");
        }
    }

    [Test]
    public void A_note_another_call_chose_to_copy_links_to_both_calls()
    {
        var notebook = new Notebook();
        using var scope = TraceScope.Begin();

        notebook.NoteCopiedThenClassified(new string('a', 3));

        var element = (GlueNode)InputOf(scope, "classify0").Parents.Single();
        Assert.That(element.Parents[0].Name, Is.EqualTo("copyFirst0"), "the call that put it into the list classified");
        Assert.That(GraphWalk.Ancestors(element).Select(n => n.Name), Does.Contain("addNote0"), "and the call that wrote it");
    }

    [Test]
    public void A_value_set_in_a_dictionary_links_and_a_key_that_was_an_input_stays_one()
    {
        var notebook = new Notebook();
        using var scope = TraceScope.Begin();

        notebook.LabelThenClassify(new string('a', 3));

        var parents = InputOf(scope, "classifyLabels0").Parents;
        Assert.That(parents.Select(p => p.GetType()), Is.EqualTo(new[] { typeof(InputNode), typeof(GlueNode) }));
        Assert.That(parents[0].Name, Is.EqualTo("ticket0"), "the key is the ticket the caller gave, not something the call made");
        var element = (GlueNode)parents[1];
        Assert.That(element.Expression, Is.EqualTo("label0.labels[\"aaa\"]"));
        Assert.That(element.Parents.Single().Name, Is.EqualTo("label0"));
        Assert.That(Reached(scope, "classifyLabels0"), Does.Contain("Notebook.NoteInstruction"));
    }

    [Test]
    public void Text_appended_to_a_builder_is_a_part_the_call_made()
    {
        var notebook = new Notebook();
        using var scope = TraceScope.Begin();

        notebook.WrittenThenClassified(new string('a', 3));

        var text = (GlueNode)InputOf(scope, "classifyText0");
        Assert.That(text.Parents.Select(p => p.Name), Is.EqualTo(new[] { "write0" }));
        Assert.That(Reached(scope, "classifyText0"), Does.Contain("Notebook.NoteInstruction"));
    }

    [Test]
    public void An_array_slot_set_links_to_the_call()
    {
        var notebook = new Notebook();
        using var scope = TraceScope.Begin();

        notebook.FilledThenClassified(new string('a', 3));

        var slot = (GlueNode)InputOf(scope, "classifyText0");
        Assert.That(slot.Parents.Single().Name, Is.EqualTo("fill0"));
    }

    [Test]
    public void A_call_whose_result_is_a_value_links_what_it_added_too()
    {
        var notebook = new Notebook();
        using var scope = TraceScope.Begin();

        notebook.CountedThenClassified(new string('a', 3));

        var element = (GlueNode)InputOf(scope, "classify0").Parents.Single();
        Assert.That(element.Parents.Single().Name, Is.EqualTo("addAndCount0"));
    }

    [Test]
    public void Elements_that_were_there_before_or_were_inputs_are_not_the_calls()
    {
        var notebook = new Notebook();
        using var scope = TraceScope.Begin();

        notebook.ReorderedThenClassified(new string('a', 3), new string('b', 3));
        notebook.KeptThenClassified(new string('c', 3));

        Assert.That(InputOf(scope, "classify0"), Is.TypeOf<InputNode>(), "reordering made nothing");
        Assert.That(InputOf(scope, "classifyText0"), Is.TypeOf<InputNode>(), "the caller's own ticket, kept in a list, is still the caller's input");
        Assert.That(scope.Graph.Nodes.OfType<GlueNode>(), Is.Empty);
    }

    [Test]
    public void Untraced_the_methods_do_the_same()
    {
        var notebook = new Notebook();
        var untraced = (notebook.NotesThenClassify("a", "b"), notebook.LabelThenClassify("a"), notebook.WrittenThenClassified("a"), notebook.CountedThenClassified("a"));
        using var scope = TraceScope.Begin();

        Assert.That((notebook.NotesThenClassify("a", "b"), notebook.LabelThenClassify("a"), notebook.WrittenThenClassified("a"), notebook.CountedThenClassified("a")), Is.EqualTo(untraced));
    }
}
