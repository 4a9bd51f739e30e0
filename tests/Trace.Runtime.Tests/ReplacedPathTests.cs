using Opto;
using Trace.Runtime.Tests.Fixtures.Stages;

namespace Trace.Runtime.Tests;

/// <summary>
/// A trainable value read on another object whose path the method assigns: the path is read again when the call completes,
/// so an assignment after the read would lead it to another object.
/// </summary>
public class ReplacedPathTests
{
    private static ParameterNode Listed(object owner, string member) =>
        Opto.Interception.TrainableRegistry.ParametersOf(owner).Single(p => p.Name.EndsWith("." + member, StringComparison.Ordinal));

    [Test]
    public void A_prompt_read_before_its_stage_is_replaced_is_not_linked_to_the_next_stage()
    {
        var conversation = new Conversation();
        var next = conversation.Next;
        using var scope = TraceScope.Begin();

        var answer = conversation.Step(new string('x', 1));

        Assert.That(answer, Is.EqualTo("Greet. x"));
        Assert.That(conversation.Current, Is.SameAs(next));
        Assert.That(scope.Graph.Backward(answer, "Warmer.", new Opto.Backward.BackwardOptions { ThrowWhenNothingReached = false }).Parameters,
            Does.Not.Contain(Listed(next, "Prompt")));
    }

    [Test]
    public void A_stage_assigned_before_the_read_is_linked()
    {
        var conversation = new Conversation();
        using var scope = TraceScope.Begin();

        var answer = conversation.Loaded(new string('x', 1));

        Assert.That(answer, Is.EqualTo("Loaded. x"));
        Assert.That(scope.Graph.Backward(answer, "Warmer.").Parameters, Is.EqualTo(new[] { Listed(conversation.LoadedStage!, "Prompt") }));
    }
}
