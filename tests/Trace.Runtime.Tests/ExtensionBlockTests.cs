using Opto;
using Trace.Runtime.Tests.Fixtures;
using Trace.Runtime.Tests.Fixtures.OtherObjects;

namespace Trace.Runtime.Tests;

/// <summary>Calls of C# 14 extension block members are recorded, their receiver linked, and the prompts read through it reached.</summary>
public class ExtensionBlockTests
{
    [Test]
    public void A_prompt_read_through_the_receiver_is_reached_by_backward()
    {
        var book = new PromptBook();
        using var scope = TraceScope.Begin();

        var request = book.SummaryRequest(new string('x', 2));

        Assert.That(request, Is.EqualTo("Summarize in one line. xx"));
        var reached = scope.Graph.Backward(request, "Shorter.").Parameters;
        Assert.That(reached.Select(p => p.Name), Is.EqualTo(new[] { "PromptBook.SummaryInstruction" }));
    }

    [Test]
    public void Instance_and_static_members_are_recorded_and_linked_through_their_receivers()
    {
        using var scope = TraceScope.Begin();

        var doubled = string.OfWords(3).WordCount().Doubled();

        Assert.That(doubled, Is.EqualTo(6));
        var nodes = scope.Graph.Nodes.OfType<MessageNode>().ToList();
        Assert.That(nodes.Select(n => n.Operator.MethodName), Is.EqualTo(new[] { "OfWords", "WordCount", "Doubled" }));
        Assert.That(nodes[1].Parents, Does.Contain(nodes[0]), "the text is the result of OfWords");
        Assert.That(nodes[2].Parents, Does.Contain(nodes[1]), "the count is handed over from WordCount");
    }
}
