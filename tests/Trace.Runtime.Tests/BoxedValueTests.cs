using Opto;
using Trace.Runtime.Tests.Fixtures.Sizes;

namespace Trace.Runtime.Tests;

/// <summary>
/// A struct a traced call returned keeps its link when glue passes it on as an object or an interface: the conversion boxes
/// it anew, and the box is recognized by its value.
/// </summary>
public class BoxedValueTests
{
    private static MessageNode Call(TraceScope scope, string name) =>
        (MessageNode)scope.Graph.Nodes.Single(n => n is MessageNode m && m.Name.StartsWith(name, StringComparison.Ordinal));

    private static IEnumerable<string> InputNames(MessageNode call) => call.Inputs.Select(i => i.Value.Name);

    [Test]
    public void A_struct_passed_as_an_object_or_an_interface_is_linked_to_the_call_that_made_it()
    {
        using var scope = TraceScope.Begin();

        var (boxed, compared, typed) = SizeChecks.Compare(1, 2);

        Assert.That((boxed, compared, typed), Is.EqualTo((false, -1, false)));
        var made = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("fromBytes", StringComparison.Ordinal)).Select(n => n.Name).ToList();
        Assert.That(made, Has.Count.EqualTo(2));
        // The second size is the argument of each comparison (the first is its receiver).
        Assert.That(InputNames(Call(scope, "sameTyped")), Is.EqualTo(new[] { made[1] }));
        Assert.That(InputNames(Call(scope, "sameBoxed")), Is.EqualTo(new[] { made[1] }));
        Assert.That(InputNames(Call(scope, "compareWith")), Is.EqualTo(new[] { made[1] }));
    }
}
