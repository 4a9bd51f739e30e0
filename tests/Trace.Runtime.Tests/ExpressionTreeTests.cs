using System.Linq.Expressions;
using Moq;
using NSubstitute;
using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>Libraries that read expression trees or proxy calls see traced methods exactly as written.</summary>
public class ExpressionTreeTests
{
    [Test]
    public void An_expression_tree_names_the_traced_method_itself()
    {
        Expression<Func<int, int>> tree = v => Drafter.Twice(v);

        var call = (MethodCallExpression)tree.Body;
        Assert.That(call.Method, Is.EqualTo(typeof(Drafter).GetMethod(nameof(Drafter.Twice))));
    }

    [Test]
    public void A_moq_setup_on_a_traced_virtual_method_works_with_tracing_on_and_off()
    {
        var mock = new Mock<Drafter>();
        mock.Setup(d => d.Draft("cards")).Returns("mocked");

        Assert.That(mock.Object.Draft("cards"), Is.EqualTo("mocked"));
        using var scope = TraceScope.Begin();
        var traced = mock.Object.Draft("cards");
        Assert.That(traced, Is.EqualTo("mocked"));
        Assert.That(scope.Graph.Nodes.OfType<MessageNode>().Single().Operator.MethodName, Is.EqualTo("Draft"), "the call itself is still traced");
        mock.Verify(d => d.Draft("cards"), Times.Exactly(2));
    }

    [Test]
    public void An_nsubstitute_substitute_of_a_traced_method_works_with_tracing_on()
    {
        var drafter = Substitute.For<Drafter>();
        drafter.Draft("cards").Returns("substituted");

        using var scope = TraceScope.Begin();
        Assert.That(drafter.Draft("cards"), Is.EqualTo("substituted"));
        drafter.Received(1).Draft("cards");
    }

    [Test]
    public void A_queryable_provider_sees_the_traced_method_and_runs_it()
    {
        var numbers = new[] { 1, 2, 3 }.AsQueryable();

        using var scope = TraceScope.Begin();
        var query = from n in numbers where Drafter.Twice(n) > 2 select n;
        var methods = new List<string>();
        new CallCollector(methods).Visit(query.Expression);

        Assert.That(methods, Does.Contain("Drafter.Twice"));
        Assert.That(query.ToArray(), Is.EqualTo(new[] { 2, 3 }));
    }

    private sealed class CallCollector(List<string> methods) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            methods.Add($"{node.Method.DeclaringType!.Name}.{node.Method.Name}");
            return base.VisitMethodCall(node);
        }
    }
}
