namespace Trace.Generators.Tests;

/// <summary>
/// Private and protected static methods of static classes are reached through an <c>UnsafeAccessor</c> that names its class
/// with <c>[UnsafeAccessorType]</c>: each program is recorded as the same program with the methods made internal is.
/// </summary>
public class StaticClassAccessorTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return C("PrivateStatic", """
            public static class Tools
            {
                [Traced] private static string Shout(string x) => x.ToUpperInvariant() + "!";
                [Traced] private static int Count(string x) => x.Length;
                public static string Run(string x) => Shout(Shout(x)) + Count(Shout(x));
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return Tools.Run("a") + " | " + Graphs.Shape(s); } }
            """, "A!!2 | InputNode x0(); NodeWithNewInputs shout0(x0); MessageNode shout1(shout0); MessageNode shout2(x0); MessageNode count0(shout2)");
        yield return C("ExtensionAndAsync", """
            public static class Tools
            {
                [Traced] private static string Twice(this string x) => x + x;
                [Traced] private static async Task<string> LaterAsync(string x) { await Task.Yield(); return x + "?"; }
                public static async Task<string> RunAsync(string x) => (await LaterAsync(x.Twice())).Twice();
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return Tools.RunAsync("b").GetAwaiter().GetResult() + " | " + Graphs.Shape(s); } }
            """, "bb?bb? | InputNode x0(); NodeWithNewInputs twice0(x0); MessageNode later0(twice0); MessageNode twice1(later0)");
        yield return C("NestedAndGeneric", """
            public static class Outer
            {
                public static class Inner { [Traced] private static string Wrap(string x) => "[" + x + "]"; public static string Run(string x) => Wrap(x); }
                [Traced] private static T Same<T>(T x) where T : class => x;
                public static string Run(string x) => Inner.Run(Same(x));
            }
            public static class Holder<T> { [Traced] private static string Name(T x) => typeof(T).Name + x; public static string Run(T x) => Name(x); }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return Outer.Run("c") + Holder<int>.Run(4) + " | " + Graphs.Shape(s); } }
            """, "[c]Int324 | InputNode x0(); NodeWithNewInputs same0(x0); MessageNode wrap0(same0); InputNode x1(); MessageNode name0(x1)");
        // A receiver or parameter named `@this` is the method's own: a static interceptor has no receiver of its own.
        yield return C("ParameterNamedThis", """
            public static class Tools
            {
                [Traced] private static string Twice(this string @this) => @this + @this;
                [Traced] private static string Wrap(string @this) => "[" + @this + "]";
                public static string Run(string x) => Wrap(x.Twice() + "!").Twice();
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return Tools.Run("b") + " | " + Graphs.Shape(s); } }
            """, "[bb!][bb!] | InputNode this0(); NodeWithNewInputs twice0(this0); GlueNode this1(twice0); MessageNode wrap0(this1); MessageNode twice1(wrap0)");
        yield return C("OptionalAndLambda", """
            public static class Tools
            {
                [Traced] private static string Tag(string x, int n = 1) => x + n;
                public static string Run(IEnumerable<string> xs) => string.Join(",", xs.Select(x => Tag(x)).Select(x => Tag(x, 2)));
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return Tools.Run(["d", "e"]) + " | " + Graphs.Shape(s); } }
            """, "d12,e12 | InputNode n0(); InputNode x0(); NodeWithNewInputs tag0(x0,n0); InputNode n1(); MessageNode tag1(tag0,n1); InputNode n2(); InputNode x1(); NodeWithNewInputs tag2(x1,n2); InputNode n3(); MessageNode tag3(tag2,n3)");
    }

    [TestCaseSource(nameof(Cases))]
    public void A_private_static_method_of_a_static_class_is_recorded_as_an_internal_one_is(string name, string source, string expected)
    {
        var withPrivate = GenericInterceptorTests.Run(name, source, out var privateInterceptors);
        var withInternal = GenericInterceptorTests.Run(name, source.Replace("[Traced] private static", "[Traced] internal static", StringComparison.Ordinal), out var internalInterceptors);

        Assert.That(withPrivate, Is.EqualTo(expected), withPrivate);
        Assert.That(withInternal, Is.EqualTo(withPrivate));
        Assert.That(privateInterceptors, Does.Contain("UnsafeAccessorType("), "the private methods are reached through accessors that name their class");
        Assert.That(internalInterceptors, Does.Not.Contain("UnsafeAccessor"), "internal methods are called directly");
    }

    private static TestCaseData C(string name, string source, string expected) => new TestCaseData(name, source, expected).SetName("StaticClass_" + name);
}
