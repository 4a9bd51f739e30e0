namespace Trace.Generators.Tests;

/// <summary>Calls whose meaning would change if they were intercepted are left exactly as written.</summary>
public class ExpressionTreeTests
{
    private const string Source = """
        using System; using System.Linq; using System.Linq.Expressions; using Opto;
        namespace N;
        public static class Calc { [Traced] public static int Twice(int v) => v * 2; }
        public static class P
        {
            public static string Run()
            {
                using var scope = TraceScope.Begin();
                Expression<Func<int, int>> tree = v => Calc.Twice(v);
                var query = new[] { 1, 2 }.AsQueryable().Select(n => new[] { n }.Select(m => Calc.Twice(m)).First());
                Func<int, int> lambda = v => Calc.Twice(v);
                System.Diagnostics.Debug.Assert(Calc.Twice(1) == 2);
                var named = ((MethodCallExpression)tree.Body).Method.DeclaringType!.Name;
                var ran = tree.Compile()(2) + query.Sum() + lambda(3);
                return named + " " + ran + " " + scope.Graph.Nodes.OfType<MessageNode>().Count();
            }
        }
        """;

    [Test]
    public void Calls_inside_expression_trees_get_no_interceptor_and_run_as_written()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Trees", null, Source));
        generated.AssertClean();

        var interceptors = generated.Sources["Opto.Interceptors.g.cs"];
        var lines = System.Text.RegularExpressions.Regex.Matches(interceptors, @"// File0\.cs\((\d+),").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        // Line 11 is the delegate lambda; line 12 (inside Debug.Assert, compiled away without DEBUG) is harmless either way.
        Assert.That(lines, Is.EquivalentTo(new[] { 11, 12 }), "the tree (line 9) and the queryable (line 10) are not intercepted:\n" + interceptors);
        // The tree names Calc; the compiled tree and the queryable run untraced, the delegate lambda is traced.
        var result = GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "N.P", "Run");
        Assert.That(result, Is.EqualTo("Calc " + (4 + 6 + 6) + " 1"));
    }
}
