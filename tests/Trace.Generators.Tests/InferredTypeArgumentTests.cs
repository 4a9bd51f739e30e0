using Microsoft.CodeAnalysis;

namespace Trace.Generators.Tests;

/// <summary>The interceptor of a generic call names the type arguments the compiler inferred, nullability included.</summary>
public class InferredTypeArgumentTests
{
    [Test]
    public void A_nullable_type_argument_inferred_at_the_call_is_spelled_as_inferred()
    {
        const string source = """
            using System;
            using Opto;
            namespace N;
            public static class Checks
            {
                /// <summary>Passes a value through.</summary>
                [Traced] public static T Same<T>(T value) => value;
            }
            public static class Program
            {
                public static Func<string, object?> Run(Func<string, object?> factory) => Checks.Same(factory);
            }
            """;

        Assert.That(InterceptorsOf(GeneratorHarness.Compile("Inferred", null, source)), Does.Contain("Same<global::System.Func<string, object?>>("));
    }

    /// <summary>
    /// A method of a generic type called on a value whose type the compiler inferred (here from a factory that is not
    /// traced): the receiver's type argument keeps the nullability the call has, though the call itself is not generic.
    /// </summary>
    [Test]
    public void A_receiver_of_a_generic_type_inferred_elsewhere_is_spelled_as_inferred()
    {
        const string source = """
            using System;
            using Opto;
            namespace N;
            public sealed class Box<T>
            {
                public Box(T value) => Value = value;
                public T Value { get; }

                /// <summary>Reads the value.</summary>
                [Traced] public T Read() => Value;
            }
            public static class Boxes
            {
                public static Box<T> Of<T>(T value) => new(value);
            }
            public static class Program
            {
                public static Func<string, object?> Run(Func<string, object?> factory)
                {
                    var box = Boxes.Of(factory);
                    return box.Read();
                }
            }
            """;

        Assert.That(InterceptorsOf(GeneratorHarness.Compile("InferredReceiver", null, source)), Does.Contain("this global::N.Box<global::System.Func<string, object?>> @this"));
    }

    /// <summary>A plain call in a member with no generic traced call is bound without nullable analysis, and spelled the same.</summary>
    [Test]
    public void A_call_of_a_plain_method_keeps_its_declared_nullability()
    {
        const string source = """
            using System;
            using Opto;
            namespace N;
            public sealed class Agent
            {
                /// <summary>Answers.</summary>
                [Traced] public string? Answer(string? question, Func<string, object?> tool) => question;
            }
            public static class Program
            {
                public static string? Run(Agent agent, Func<string, object?> tool) => agent.Answer(null, tool);
            }
            """;

        Assert.That(InterceptorsOf(GeneratorHarness.Compile("PlainCall", null, source)), Does.Contain("string? Answer_0(this global::N.Agent @this, string? question, global::System.Func<string, object?> tool)"));
    }

    /// <summary>A generic traced method of a referenced library: its name comes from the library's metadata, not from syntax.</summary>
    [Test]
    public void A_generic_method_of_a_referenced_library_is_spelled_as_inferred()
    {
        const string library = """
            using Opto;
            namespace Lib;
            public static class Checks
            {
                /// <summary>Passes a value through.</summary>
                [Traced] public static T Same<T>(T value) => value;
            }
            """;
        const string app = """
            using System;
            namespace App;
            public static class Program
            {
                public static Func<string, object?> Run(Func<string, object?> factory) => Lib.Checks.Same(factory);
            }
            """;

        var built = GeneratorHarness.Run(GeneratorHarness.Compile("Lib", null, library));
        built.AssertClean();
        var image = GeneratorHarness.Emit(built.Compilation);

        Assert.That(InterceptorsOf(GeneratorHarness.Compile("App", [MetadataReference.CreateFromImage(image)], app)), Does.Contain("Same<global::System.Func<string, object?>>("));
    }

    // The generated interceptors, once the compilation with them has no error or warning.
    private static string InterceptorsOf(Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation)
    {
        var generated = GeneratorHarness.Run(compilation);
        generated.AssertClean();
        return generated.Sources["Opto.Interceptors.g.cs"];
    }
}
