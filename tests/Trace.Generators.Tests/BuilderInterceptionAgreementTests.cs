using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Trace.Generators.Tests;

/// <summary>
/// OPTO017 takes a builder's text for linked to what was put into it unchanged, so every put and every <c>ToString()</c> it
/// counts on must be intercepted wherever it is written: each such call of this program has an interceptor, and no other.
/// </summary>
public class BuilderInterceptionAgreementTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;

        public class Shapes
        {
            private const string Fixed = "c";
            private static readonly string s_field = new StringBuilder().Append(Environment.MachineName).ToString();
            private readonly StringBuilder _kept = new();
            public string Property => _kept.Append(s_field).ToString();

            public Shapes(string start) => _kept.AppendLine(start);

            public async Task<string> All(string a, object o, StringBuilder? maybe, IEnumerable<string> xs, int n)
            {
                await Task.Yield();
                var b = new StringBuilder();
                b.Append(a).Append(o).AppendLine(a).Insert(0, a).Insert(1, o).Append("literal").Append(Fixed).Append(n).Append((object)n).Append($"{a}!");
                maybe?.Append(a)?.AppendLine(a);
                maybe!.Insert(value: a, index: 0);
                Func<string> later = () => b.Append(a).ToString();
                string Local() => b.AppendLine(a).ToString();
                var query = from x in xs select new StringBuilder().Append(x).ToString();
                var chosen = n switch { 0 => b.Append(a).ToString(), _ => b.ToString() };
                var interpolated = $"{b.Append(o)}";
                foreach (var x in Items(a)) b.Append(x);
                return later() + Local() + string.Concat(query) + chosen + interpolated + Generic(a) + maybe?.ToString() + b.ToString(0, 1);
            }

            private static IEnumerable<string> Items(string a)
            {
                var b = new StringBuilder();
                yield return b.Append(a).ToString();
            }

            private static string Generic<T>(T value) where T : class => new StringBuilder().Append(value).Insert(0, (object)value).ToString();
        }
        """;

    [Test]
    public void Every_put_and_text_the_analyzer_counts_on_is_intercepted()
    {
        var compilation = GeneratorHarness.Compile("BuilderAgreement", null, Source);
        var generated = GeneratorHarness.Run(compilation);
        generated.AssertClean();
        // The builder's interceptors follow the combiners' (here one, for string.Concat).
        var source = generated.Sources["Opto.GlueCalls.g.cs"];
        var intercepted = source[source.IndexOf("file static class TextBuilderInterceptors", StringComparison.Ordinal)..].Split('\n')
            .Where(l => l.Contains("InterceptsLocation(", StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf("// ", StringComparison.Ordinal) + 3)..].Trim())
            .ToHashSet();

        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var expected = new HashSet<string>();
        foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetOperation(invocation) is not IInvocationOperation call) continue;
            var kind = TextBuilderCalls.Of(call.TargetMethod);
            if (kind == TextBuilderCalls.Kind.None) continue;
            if (kind != TextBuilderCalls.Kind.Built)
            {
                var value = call.Arguments.Single(a => a.Parameter!.Ordinal == TextBuilderCalls.ValueIndex(kind)).Value;
                if (value.ConstantValue.HasValue || value is IConversionOperation { IsImplicit: true, Operand.Type.IsValueType: true }) continue;
            }

            var name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => throw new InvalidOperationException(invocation.ToString()),
            };
            var position = name.GetLocation().GetLineSpan().StartLinePosition;
            expected.Add($"File0.cs({position.Line + 1},{position.Character + 1})");
        }

        Assert.That(expected, Has.Count.EqualTo(31));
        Assert.That(intercepted, Is.EquivalentTo(expected));
    }
}
