using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>A <c>Parameter&lt;T&gt;</c> a traced body reads without receiving it as an argument is found by the compiler.</summary>
public class HeldParameterTests
{
    [Test]
    public void A_parameter_in_a_private_field_is_a_dependency()
    {
        var hinted = new Hinted(new Parameter<string>("warm", "Tone"));
        using var scope = TraceScope.Begin();

        var text = hinted.Write(new string('x', 1));

        Assert.That(scope.Graph.Backward(text, "Too long.").Parameters, Is.EqualTo(new[] { hinted.Hint }));
    }

    [Test]
    public void A_captured_primary_constructor_parameter_is_a_dependency()
    {
        var tone = new Parameter<string>("warm", "Tone");
        var hinted = new Hinted(tone);
        using var scope = TraceScope.Begin();

        var text = hinted.Toned(new string('x', 1));

        Assert.That(text, Is.EqualTo("warm x"));
        Assert.That(scope.Graph.Backward(text, "Colder.").Parameters, Is.EqualTo(new[] { tone }));
    }

    [Test]
    public void A_static_property_and_a_list_of_parameters_are_dependencies()
    {
        var hinted = new Hinted(new Parameter<string>("warm", "Tone"));
        using var scope = TraceScope.Begin();

        var limited = hinted.Limited(new string('x', 5));
        var ruled = hinted.Ruled(new string('y', 1));

        var limitedNode = (MessageNode)scope.Graph.Nodes.Single(n => n.Name == "limited0");
        Assert.That(limited, Is.EqualTo(3));
        Assert.That(limitedNode.HiddenDependencies, Is.EqualTo(new[] { Hinted.Limit }));
        Assert.That(scope.Graph.Backward(ruled, "Shorter.").Parameters, Is.EquivalentTo(hinted.Rules));
    }
}

public class HeldParameterListingTests
{
    [Test]
    public void TrainableParameters_lists_the_explicit_parameters_an_object_holds_under_their_own_names()
    {
        var tone = new Parameter<string>("warm", "Tone");
        var hinted = new Hinted(tone);

        var listed = hinted.TrainableParameters();

        Assert.That(listed, Is.EquivalentTo(new ParameterNode[] { tone, hinted.Hint, hinted.Rules[0], hinted.Rules[1] }));
        Assert.That(listed.Select(p => p.Name), Is.EquivalentTo(new[] { "Tone", "Hinted.Hint", "Rule0", "Rule1" }));
    }
}
