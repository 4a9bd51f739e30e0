using Opto;
using Trace.Runtime.Tests.Fixtures.Patterns;

namespace Trace.Runtime.Tests;

/// <summary>A trainable member read by a property pattern (<c>x is { Text: var t }</c>) is read on the value the pattern matches.</summary>
public class PatternReadTests
{
    private static ParameterNode TextOf(Note note) => Opto.Interception.TrainableRegistry.ParametersOf(note).Single();

    private static IReadOnlyList<ParameterNode> Reached(TraceScope scope, string result) =>
        scope.Graph.Backward(result, "Wrong.", new Opto.Backward.BackwardOptions { ThrowWhenNothingReached = false }).Parameters;

    [Test]
    public void A_pattern_on_a_held_object_reads_that_object_s_trainable()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        var matched = reader.Matched("q");
        var switched = reader.Switched("q");
        var nested = reader.Nested("q");
        var conditional = reader.Conditional("?");

        Assert.That(matched, Is.EqualTo("remember q"));
        Assert.That(Reached(scope, matched), Is.EqualTo(new[] { TextOf(reader.Note) }));
        Assert.That(Reached(scope, switched), Is.EqualTo(new[] { TextOf(reader.Note) }));
        Assert.That(Reached(scope, nested), Is.EqualTo(new[] { TextOf(reader.Shelf.Note) }));
        Assert.That(Reached(scope, conditional), Is.EqualTo(new[] { TextOf(reader.Maybe!.Note) }));
    }

    [Test]
    public void A_pattern_on_an_argument_reads_the_argument_s_trainable_not_the_receiver_s()
    {
        var note = new Note();
        var other = new Note { Text = "other" };
        using var scope = TraceScope.Begin();

        var echoed = note.Echo(other);

        Assert.That(echoed, Is.EqualTo("other"));
        Assert.That(Reached(scope, echoed), Is.EqualTo(new[] { TextOf(other) }));
    }

    [Test]
    public void A_pattern_that_tests_the_type_is_not_linked()
    {
        var reader = new Reader();
        using var scope = TraceScope.Begin();

        var typed = reader.Typed("q");

        Assert.That(typed, Is.EqualTo("rememberq"));
        Assert.That(Reached(scope, typed), Is.Empty);
    }
}
