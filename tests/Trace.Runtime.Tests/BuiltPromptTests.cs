using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>
/// Trainable values in a prompt a <c>StringBuilder</c> made: linked where the expression itself puts them in, and reported
/// by OPTO016 (the fixture silences it) where calls of their own do, which the builder's text does not link.
/// </summary>
public class BuiltPromptTests
{
    [Test]
    public void Values_the_expression_puts_into_the_builder_reach_the_call()
    {
        var agent = new PromptBuilder();
        using var scope = TraceScope.Begin();

        Assert.That(agent.Chained("q"), Is.EqualTo("CALM: Q"));
        Assert.That(agent.Started("q"), Is.EqualTo("BE BRIEF.Q"));

        Assert.That(Reached(scope, "ask0"), Is.EquivalentTo(new[] { "PromptBuilder.Persona" }));
        Assert.That(Reached(scope, "ask1"), Is.EquivalentTo(new[] { "PromptBuilder.System" }));
    }

    [Test]
    public void Values_appended_by_calls_of_their_own_are_not_linked()
    {
        var agent = new PromptBuilder();
        using var scope = TraceScope.Begin();

        Assert.That(agent.Filled("q"), Is.EqualTo("CALMBE BRIEF.Q"));

        var reached = scope.Graph.Backward(Call(scope, "ask0"), "Shorter.", new Opto.Backward.BackwardOptions { ThrowWhenNothingReached = false }).Parameters;
        Assert.That(reached, Is.Empty);
    }
}
