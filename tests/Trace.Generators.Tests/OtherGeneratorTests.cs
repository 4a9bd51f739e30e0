using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Generators;

namespace Trace.Generators.Tests;

/// <summary>
/// What other source generators add is not part of the compilation this generator reads: one that adds an override of a
/// traced method to a partial class makes a call on that class bind to the override in the build, where an interceptor
/// written for the method seen here would not match it (CS9148) and break the build. Such calls are left alone (OPTO013
/// says why); a call on the base class, or through a class that is not partial, is intercepted.
/// </summary>
public class OtherGeneratorTests
{
    private const string Source = """
        using System.Linq;
        using Opto;

        namespace Others;

        public class Base
        {
            [Traced] public virtual int Get() => 1;
        }

        // Another generator adds `public override int Get() => 2;` to this class.
        public partial class Derived : Base { }

        public class Plain : Base { }

        public static class Run
        {
            public static string Steps()
            {
                using var scope = TraceScope.Begin();
                var derived = new Derived();
                var values = $"{derived.Get()},{((Base)derived).Get()},{new Plain().Get()}";
                return values + " " + string.Join(",", scope.Graph.Nodes.OfType<MessageNode>().Select(n => $"{n.Name}={n.Value}"));
            }
        }
        """;

    [Test]
    public void A_call_another_generator_may_bind_to_an_override_is_left_alone_and_the_build_succeeds()
    {
        var compilation = GeneratorHarness.Compile("Others", null, Source);
        var driver = CSharpGeneratorDriver.Create([new TraceGenerator().AsSourceGenerator(), new OverridingGenerator().AsSourceGenerator()], parseOptions: GeneratorHarness.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.That(diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty);

        var result = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(output)], "Others.Run", "Steps")!;

        // The call on Derived runs the generated override, untraced; the call on Base dispatches to it too and is traced, as
        // is the call on Plain.
        Assert.That(result, Is.EqualTo("2,2,1 get0=2,get1=1"));
    }

    private sealed class OverridingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, static (output, _) =>
                output.AddSource("Derived.g.cs", "namespace Others; public partial class Derived { public override int Get() => 2; }"));
    }
}
