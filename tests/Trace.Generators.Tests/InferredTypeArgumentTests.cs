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

        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Inferred", null, source));

        generated.AssertClean();
        Assert.That(generated.Sources["Opto.Interceptors.g.cs"], Does.Contain("Same<global::System.Func<string, object?>>("));
    }
}
