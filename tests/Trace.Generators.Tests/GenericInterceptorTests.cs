using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Trace.Generators.Tests;

/// <summary>
/// Calls whose types generated code cannot write (a private or anonymous type argument, a type parameter of the generic code
/// around the call) are intercepted by generic interceptors. Each program runs twice where it can: with a private type, and
/// with the same type made internal (intercepted as before, without type parameters); the graphs must be the same.
/// </summary>
public class GenericInterceptorTests
{
    private const string Header = "using System; using System.Collections.Generic; using System.Linq; using System.Threading.Tasks; using Opto;\n";

    // Every node with its kind, name and parents: the recording, in order.
    private const string Shape = """
        namespace N;
        public static class Graphs
        {
            public static string Shape(TraceScope s) => string.Join("; ", s.Graph.Nodes.Select(n => n.GetType().Name + " " + n.Name + "(" + string.Join(",", n.Parents.Select(p => p.Name)) + ")"));
        }
        """;

    public static IEnumerable<TestCaseData> SameGraphCases()
    {
        yield return C("StaticGenericMethod", """
            public static class G { [Traced] public static string Name<T>(T x) => typeof(T).Name; [Traced] public static T Same<T>(T x) => x; }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); var a = G.Same(new Secret()); return G.Name(G.Same(a)) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("MethodOfGenericClass", """
            public class Box<T> { public T Value = default!; [Traced] public T Get() => Value; [Traced] public static Box<T> Of(T v) => new() { Value = v }; [Traced] public string Show<R>(R r) => typeof(T).Name + typeof(R).Name; }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); var b = Box<Secret>.Of(new Secret()); var v = b.Get(); return b.Show(v) + b.Show(1) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("NestedGenericTypes", """
            public class Outer<A> { public class Inner<B> { [Traced] public static string Pair<C>(A a, B b, C c) => typeof(A).Name + typeof(B).Name + typeof(C).Name; } }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); return Outer<Secret>.Inner<int>.Pair(new Secret(), 1, "c") + Outer<string>.Inner<Secret>.Pair("a", new Secret(), new Secret()) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("Constraints", """
            public interface IHas<T> { T Self { get; } }
            public class Base { }
            public static class G
            {
                [Traced] public static string R<T>(T x) where T : Base, IHas<T>, new() => new T().GetType().Name + x.Self.GetType().Name;
                [Traced] public static string S<T>(T x) where T : struct => x.ToString()!;
                [Traced] public static string U<T>(T x) where T : unmanaged => x.ToString()!;
                [Traced] public static string NN<T>(T x) where T : notnull => x.ToString()!;
                [Traced] public static string? CN<T>(T? x) where T : class? => x?.ToString();
                [Traced] public static string TT<T, U>(T x, U y) where U : T => typeof(U).Name;
            }
            public static class P
            {
                private class Secret : Base, IHas<Secret> { public Secret Self => this; public override string ToString() => "s"; }
                private struct Point { public int X; public override string ToString() => "p" + X; }
                public static string Run() { using var s = TraceScope.Begin(); return G.R(new Secret()) + G.S(new Point { X = 1 }) + G.U(new Point { X = 2 }) + G.NN(new Secret()) + G.CN<Secret>(null) + G.TT<Base, Secret>(new Base(), new Secret()) + " | " + Graphs.Shape(s); }
            }
            """);
        yield return C("ExtensionMethods", """
            public static class Ext { [Traced] public static int Twice<T>(this List<T> xs) => xs.Count * 2; [Traced] public static T FirstOf<T>(this IEnumerable<T> xs) => xs.First(); }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); var list = new List<Secret> { new() }; return list.Twice() + "" + Ext.Twice(list) + (list.FirstOf() is null) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("AsyncAndVoid", """
            public static class G
            {
                public static List<string> Log = new();
                [Traced] public static async Task<T> Later<T>(T x) { await Task.Yield(); return x; }
                [Traced] public static ValueTask<T> Now<T>(T x) => new(x);
                [Traced] public static void Note<T>(T x) => Log.Add(typeof(T).Name);
                [Traced] public static async Task Wait<T>(T x) { await Task.Yield(); Log.Add("w"); }
            }
            public static class P { private class Secret { } public static async Task<string> Run() { using var s = TraceScope.Begin(); var a = await G.Later(new Secret()); var b = await G.Now(a); G.Note(b); await G.Wait(b); return string.Join(",", G.Log) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("CollectionsLinkTheirElements", """
            public static class G { [Traced] public static T Make<T>() where T : new() => new(); [Traced] public static int Count<T>(List<T> xs) => xs.Count; [Traced] public static int Keys<K, V>(Dictionary<K, V> d) where K : notnull => d.Count; }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); var a = G.Make<Secret>(); var b = G.Make<Secret>(); return G.Count(new List<Secret> { a, b }) + "" + G.Keys(new Dictionary<Secret, string> { [a] = "x" }) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("StructReceiverOfGenericType", """
            public struct Cell<T> { public T V; public int Reads; [Traced] public T Get() { Reads++; return V; } }
            public static class P { private class Secret { } public static string Run() { var c = new Cell<Secret> { V = new Secret() }; using var s = TraceScope.Begin(); c.Get(); c.Get(); return c.Reads + " | " + Graphs.Shape(s); } }
            """);
        yield return C("InheritedAndOverridden", """
            public class Base<T> { [Traced] public T Echo(T x) => x; [Traced] public virtual string Kind(T x) => "base"; }
            public static class P
            {
                private class Secret { }
                private class Derived : Base<Secret> { public override string Kind(Secret x) => "derived"; }
                // d.Kind binds to the override in the private class, which no interceptor can take (its receiver type): reported, as before.
                public static string Run() { var d = new Derived(); using var s = TraceScope.Begin(); Base<Secret> b = d; return b.Kind(d.Echo(new Secret())) + b.Kind(new Secret()) + " | " + Graphs.Shape(s); }
            }
            """);
        yield return C("GlueBetweenGenericCalls", """
            public class Wrapper<T> { public T Inner = default!; }
            public static class G { [Traced] public static T Make<T>() where T : new() => new(); [Traced] public static string Use<T>(T x) => typeof(T).Name; }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); var a = G.Make<Secret>(); var w = new Wrapper<Secret> { Inner = a }; var x = w.Inner; return G.Use(x) + G.Use(new[] { a }) + G.Use((a, 1)) + G.Use(new List<int> { 1 }) + " | " + Graphs.Shape(s); } }
            """);
    }

    public static IEnumerable<TestCaseData> MoreSameGraphCases()
    {
        yield return C("ParamsOptionalAndNullable", """
            public static class G
            {
                [Traced] public static int All<T>(params T[] xs) => xs.Length;
                [Traced] public static string Or<T>(T? x, string fallback = "none", System.Threading.CancellationToken token = default) where T : class => x?.ToString() ?? fallback;
                [Traced] public static string Maybe<T>(T? x) where T : struct => x.HasValue ? "has" : "empty";
                [Traced] public static T? Default<T>(T x) => default;
            }
            public static class P { private class Secret { public override string ToString() => "secret"; } private struct Mark { } public static string Run() { using var s = TraceScope.Begin(); return G.All(new Secret(), new Secret()) + G.Or<Secret>(null) + G.Or(new Secret(), "f") + G.Maybe<Mark>(null) + G.Maybe<Mark>(new Mark()) + (G.Default(new Secret()) is null) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("AbstractMethodOfGenericClass", """
            public abstract class Repo<T> { [Traced] public abstract T Load(string id); [Traced] public virtual string Save(T item) => "saved"; }
            public static class P
            {
                private class Secret { public string Id = ""; }
                private sealed class SecretRepo : Repo<Secret> { public override Secret Load(string id) => new() { Id = id }; }
                public static string Run() { Repo<Secret> repo = new SecretRepo(); using var s = TraceScope.Begin(); var item = repo.Load("a"); return item.Id + repo.Save(item) + " | " + Graphs.Shape(s); }
            }
            """);
        yield return C("ValueTypedResultHandedOver", """
            public static class G { [Traced] public static T Id<T>(T x) => x; [Traced] public static int Twice<T>(T x) where T : struct => x.GetHashCode() * 0 + 2; }
            public static class P { private struct Point { public int X; } public static string Run() { using var s = TraceScope.Begin(); return G.Twice(G.Id(new Point { X = 1 })) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("TasksOfCollections", """
            public static class G { [Traced] public static async Task<List<T>> Both<T>(T a, T b) { await Task.Yield(); return new() { a, b }; } [Traced] public static int Count<T>(IReadOnlyList<T> xs) => xs.Count; }
            public static class P { private class Secret { } public static async Task<string> Run() { using var s = TraceScope.Begin(); var list = await G.Both(new Secret(), new Secret()); return G.Count(list) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("KeywordNamedTypeParameters", """
            public class Box<@class> { [Traced] public @class Same<@int>(@class x, @int y) => x; }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); var a = new Box<Secret>().Same(new Secret(), 1); return (a is null) + " | " + Graphs.Shape(s); } }
            """);
        yield return C("TypeParametersNamedLikeTheGeneratedOperators", """
            public static class G { [Traced] public static Instance Use<Instance>(Instance x) => x; [Traced] public static int Op<Operator0, __Operator1>(Operator0 x) => 1; }
            public class Box<Instance> { [Traced] public Instance Get(Instance x) => x; }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); var a = G.Use(new Secret()); return new Box<Secret>().Get(a) == a ? "same" + " | " + Graphs.Shape(s) : "other"; } }
            """);
        yield return C("ExperimentalConstraintTypes", """
            [System.Diagnostics.CodeAnalysis.Experimental("EX001")] public interface IEx { }
            [System.Diagnostics.CodeAnalysis.Experimental("EX002")] public class ExBase { }
            #pragma warning disable EX001, EX002
            public static class G { [Traced] public static int Use<T>(T x) where T : IEx => 1; }
            public class Box<T> where T : ExBase { [Traced] public string Get(T x) => "b"; }
            public static class P { private class Secret : ExBase, IEx { } public static string Run() { using var s = TraceScope.Begin(); return G.Use(new Secret()) + new Box<Secret>().Get(new Secret()) + " | " + Graphs.Shape(s); } }
            #pragma warning restore EX001, EX002
            """);
        yield return C("ObsoleteAndConditional", """
            public static class G { public static List<string> Log = new(); [Obsolete("old")] [Traced] public static T Old<T>(T x) => x; [System.Diagnostics.Conditional("DEBUG")] [Traced] public static void Debug<T>(T x) => Log.Add("d"); }
            public static class P { private class Secret { } public static string Run() {
            #pragma warning disable CS0618
            using var s = TraceScope.Begin(); G.Old(new Secret()); G.Debug(new Secret()); return G.Log.Count + " | " + Graphs.Shape(s);
            #pragma warning restore CS0618
            } }
            """);
    }

    public static IEnumerable<TestCaseData> GenericOnlyCases()
    {
        yield return Only("PrivateMembersOfGenericTypesThroughGenericAccessors", """
            public class Machine<TState, TTrigger> where TState : notnull
            {
                [Traced] private string Fire(TTrigger t) => "fired " + t;
                [Traced] private static int Twice(TState s) => 42;
                [Traced] private T Pick<T>(T x) where T : class => x;
                [Traced] protected string Guarded(TState s) => "g" + s;
                public string Run(TState s, TTrigger t) => Fire(t) + Twice(s) + Pick("p") + Guarded(s) + new Config().Run(s);
                public class Config { [Traced] private string Name(TState s) => "c" + s; public string Run(TState s) => Name(s); }
            }
            public class Plain { [Traced] private static T Same<T>(T x) => x; public static string Run() => Same("s"); }
            public struct Cell<T> { public T V; [Traced] private T Get() => V; public T Run() => Get(); }
            public class Derived : Machine<int, string> { public string More() => Guarded(5); }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return new Machine<int, string>().Run(1, "go") + Plain.Run() + new Cell<string> { V = "v" }.Run() + new Derived().More() + " | " + Graphs.Shape(s); } }
            """, "fired go42pg1c1svg5 | InputNode t0(); MessageNode fire0(t0); InputNode s0(); NodeWithNewInputs twice0(s0); InputNode x0(); MessageNode pick0(x0); InputNode s1(); MessageNode guarded0(s1); "
            + "InputNode s2(); MessageNode name0(s2); InputNode x1(); MessageNode same0(x1); MessageNode get0(); InputNode s3(); MessageNode guarded1(s3)");
        yield return Only("SequencesOfTheCallersTypeParameterThroughABareTypeParameter", """
            public static class G { [Traced] public static T Make<T>() where T : new() => new(); [Traced] public static int Use<T>(T x) => 1; [Traced] public static T Id<T>(this T x) => x; }
            public class Item { }
            public static class P
            {
                // At run time S is a value type or a reference type: the first is one value, the second links its elements.
                static int F<S>(S s) => G.Use(new List<S> { s }) + G.Use(new S[] { s }) + new List<S> { s }.Id().Count;
                public static string Run() { using var s = TraceScope.Begin(); return F(1) + "" + F(G.Make<Item>()) + " | " + Graphs.Shape(s); }
            }
            """, "33 | InputNode x0(); NodeWithNewInputs use0(x0); InputNode x1(); NodeWithNewInputs use1(x1); InputNode x2(); NodeWithNewInputs id0(x2); "
            + "MessageNode make0(); CollectionNode x3(make0); MessageNode use2(x3); CollectionNode x4(make0); MessageNode use3(x4); CollectionNode x5(make0); MessageNode id1(x5)");
        yield return Only("InternalMembersOfNestedTypesOfAGenericType", """
            public class Machine<TState>
            {
                internal abstract class Action { public abstract string Execute(TState state); internal sealed class Sync : Action { [Traced] public override string Execute(TState state) => "x" + state; } }
                private readonly Action.Sync _sync = new();
                public string Fire(TState s) => _sync.Execute(s);
                internal class Behaviour { [Traced] public virtual string Run(TState s) => RunCore(s); [Traced] internal string RunCore(TState s) => "r" + s; }
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return new Machine<int>().Fire(1) + new Machine<int>.Behaviour().Run(2) + " | " + Graphs.Shape(s); } }
            """, "x1r2 | InputNode state0(); MessageNode execute0(state0); InputNode s0(); InputNode s1(); MessageNode runCore0(s1); MessageNode run0(s0)");
        // A generic method that calls itself with its own type parameters: the compiler matches that call to no interceptor
        // (it binds to the method's definition), so only the call from outside is traced, and OPTO013 reports the inner one.
        yield return Only("RecursiveGenericMethods", """
            public static class G { [Traced] public static int Depth<T>(T last, int n) => n == 0 ? 0 : 1 + Depth<T>(last, n - 1); }
            public class H { [Traced] public int Count<T>(T x, int n) => n == 0 ? 0 : 1 + Count(x, n - 1); }
            public static class P { static int F<S>(S s) => G.Depth(s, 1) + new H().Count(s, 1); public static string Run() { using var s = TraceScope.Begin(); return F("a") + " | " + Graphs.Shape(s); } }
            """, "2 | InputNode last0(); InputNode n0(); MessageNode depth0(last0,n0); InputNode n1(); MessageNode count0(last0,n1)");
        yield return Only("CallsInsideTheGenericTypeItself", """
            public class Box<T> where T : new()
            {
                [Traced] public static T Make() => new T();
                [Traced] public string Put<R>(T item, R other) where R : T => typeof(R).Name;
                public string Run() { var a = Make(); return Put(a, a) + Helper<int>(); }
                private string Helper<Q>() => Put<T>(Make(), Make()) + typeof(Q).Name;
            }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); return new Box<Secret>().Run() + " | " + Graphs.Shape(s); } }
            """, "SecretSecretInt32 | MessageNode make0(); MessageNode put0(make0,make0); MessageNode make1(); MessageNode make2(); MessageNode put1(make1,make2)");
        yield return Only("AnonymousTypes", """
            public static class G { [Traced] public static T Same<T>(T x) => x; [Traced] public static int Count<T>(List<T> x) => x.Count; [Traced] public static R Map<T, R>(T x, Func<T, R> f) => f(x); }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var v = G.Same(G.Same(new { X = 1 })); var m = G.Map(v, a => new { Y = a.X + 1 }); return v.X + "" + m.Y + G.Count(new[] { new { Y = 2 } }.ToList()) + " | " + Graphs.Shape(s); } }
            """, "121 | InputNode x0(); MessageNode same0(x0); MessageNode same1(same0); InputNode f0(); MessageNode map0(same1,f0); InputNode x1(); MessageNode count0(x1)");
        yield return Only("InsideGenericCode", """
            public static class G { [Traced] public static string Show<T>(T x) => typeof(T).Name + x; }
            public class Box<T> { [Traced] public T Get(T x) => x; }
            public static class P
            {
                static string F<U>(U u) => G.Show(u);
                static string H<U>(U u) { var b = new Box<U>(); Func<U, string> f = x => G.Show(b.Get(x)); return f(u) + Local(u); string Local(U y) => G.Show(new List<U> { y }.Count); }
                public static string Run() { using var s = TraceScope.Begin(); return F(1) + F("a") + H(2.5) + " | " + Graphs.Shape(s); }
            }
            """, "Int321StringaDouble2.5Int321 | InputNode x0(); MessageNode show0(x0); InputNode x1(); MessageNode show1(x1); InputNode x2(); NodeWithNewInputs get0(x2); MessageNode show2(get0); InputNode x3(); MessageNode show3(x3)");
    }

    [Test]
    public void A_dictionary_passed_as_a_bare_type_parameter_links_its_keys_and_values_as_a_declared_dictionary_does()
    {
        const string source = """
            public static class G
            {
                [Traced] public static T Make<T>() where T : new() => new();
                [Traced] public static string Text(string x) => x + "!";
                [Traced] public static int Use<T>(T x) => 1;
                [Traced] public static int Keys<K, V>(Dictionary<K, V> d) where K : notnull => d.Count;
            }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); var a = G.Make<Secret>(); var d = new Dictionary<Secret, string> { [a] = G.Text("x") }; return G.Use(d) + G.Keys(d) + " | " + Graphs.Shape(s); } }
            """;

        var actual = Run("Dictionaries", source, out var interceptors);
        Assert.That(interceptors, Does.Contain("__call.Entries("));
        Assert.That(actual, Is.EqualTo("2 | MessageNode make0(); InputNode x0(); MessageNode text0(x0); CollectionNode x1(make0,text0); MessageNode use0(x1); CollectionNode d0(make0,text0); MessageNode keys0(d0)"), actual);
    }

    [Test]
    public void Dictionaries_of_every_kind_and_seen_through_interfaces_link_through_a_bare_type_parameter()
    {
        const string source = """
            using System.Collections.Concurrent; using System.Collections.Immutable; using System.Collections.ObjectModel;
            public static class G
            {
                [Traced] public static string Text(string x) => x + "!";
                [Traced] public static int Use<T>(T x) => 1;
            }
            public static class P
            {
                private sealed class Secret { }
                public static string Run()
                {
                    using var s = TraceScope.Begin();
                    var key = new Secret();
                    IReadOnlyDictionary<Secret, string> ro = new Dictionary<Secret, string> { [key] = G.Text("a") };
                    var concurrent = new ConcurrentDictionary<int, (Secret, string)>();
                    var sorted = new SortedDictionary<string, Secret> { [G.Text("b")] = key };
                    var immutable = ImmutableDictionary<Secret, string>.Empty.Add(key, G.Text("c"));
                    var wrapped = new ReadOnlyDictionary<Secret, string>(new Dictionary<Secret, string> { [key] = G.Text("d") });
                    return G.Use(ro) + G.Use(concurrent) + G.Use(sorted) + G.Use(immutable) + G.Use(wrapped) + " | " + Graphs.Shape(s);
                }
            }
            """;

        var actual = Run("DictionaryKinds", source, out _);
        // The concurrent dictionary's values are tuples, which a non-generic view sees boxed: no identity, so one value.
        Assert.That(actual, Does.StartWith("5 | "), actual);
        foreach (var (text, use) in new[] { ("text0", "use0"), ("text1", "use2"), ("text2", "use3") })
        {
            Assert.That(actual, Does.Match($@"CollectionNode (x\d+)\({text}\); MessageNode {use}\(\1\)"), actual);
        }

        Assert.That(actual, Does.Contain("MessageNode use1(x"), actual);
        Assert.That(actual, Does.Match(@"CollectionNode (\w+)\(text3\); MessageNode use4\(\1\)"), actual);
    }

    [Test]
    public void A_list_of_pairs_passed_as_a_bare_type_parameter_is_one_value()
    {
        const string source = """
            public static class G
            {
                [Traced] public static string Text(string x) => x + "!";
                [Traced] public static int Use<T>(T x) => 1;
            }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); var pairs = new List<KeyValuePair<Secret, string>> { new(new Secret(), G.Text("x")) }; return G.Use(pairs) + " | " + Graphs.Shape(s); } }
            """;

        // Not a dictionary, so no view of its pairs exists without naming their types (see the README).
        var actual = Run("PairLists", source, out _);
        Assert.That(actual, Is.EqualTo("1 | InputNode x0(); MessageNode text0(x0); InputNode x1(); MessageNode use0(x1)"), actual);
    }

    [Test]
    public void Generic_methods_of_a_referenced_assembly_are_intercepted_with_private_type_arguments()
    {
        // Read from metadata, type parameters show the compiler's NullableAttribute and constraints their encodings.
        const string library = """
            using System; using System.Linq.Expressions; using Opto;
            namespace L;
            public class MemberMap<TClass, TMember> { public string Member = ""; }
            public abstract class ClassMap<TClass>
            {
                [Traced] public virtual MemberMap<TClass, TMember> Map<TMember>(Expression<Func<TClass, TMember?>> expression, bool useExistingMap = true) => new() { Member = ((MemberExpression)expression.Body).Member.Name };
                [Traced] public static string Size<T>(T value) where T : unmanaged => System.Runtime.InteropServices.Marshal.SizeOf<T>().ToString();
                [Traced] public static string Key<K>(K key) where K : notnull => key.ToString()!;
            }
            """;
        var libraryImage = GeneratorHarness.Emit(GeneratorHarness.Run(GeneratorHarness.Compile("Lib", null, library)).Compilation);
        const string caller = """
            using System; using System.Linq; using Opto; using L;
            namespace N;
            public static class P
            {
                private class Row { public int Id { get; set; } public override string ToString() => "row"; }
                private struct Pair { public int A, B; public Pair(int a, int b) { A = a; B = b; } }
                private sealed class RowMap : ClassMap<Row> { public string Mapped; public RowMap() { Mapped = Map(m => m.Id).Member; } }
                public static string Run() { using var s = TraceScope.Begin(); var map = new RowMap(); return map.Mapped + ClassMap<Row>.Size(new Pair(1, 2)) + ClassMap<Pair>.Key(new Row()) + " " + string.Join(",", s.Graph.Nodes.OfType<MessageNode>().Select(n => n.Name)); }
            }
            """;
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Caller", [MetadataReference.CreateFromImage(libraryImage)], caller));

        generated.AssertClean();
        Assert.That(generated.Sources["Opto.Interceptors.g.cs"], Does.Contain("Map_0<TClass, TMember>(this global::L.ClassMap<TClass> @this"));
        Assert.That(GeneratorHarness.Invoke([libraryImage, GeneratorHarness.Emit(generated.Compilation)], "N.P", "Run"), Is.EqualTo("Id8row map0,size0,key1"));
    }

    private static TestCaseData C(string name, string source) => new TestCaseData(name, source).SetName("Generic_" + name);

    private static TestCaseData Only(string name, string source, string expected) => new TestCaseData(name, source, expected).SetName("Generic_" + name);

    [TestCaseSource(nameof(SameGraphCases))]
    [TestCaseSource(nameof(MoreSameGraphCases))]
    public void A_private_type_argument_is_recorded_as_a_nameable_one_is(string name, string source)
    {
        var withPrivate = Run(name, source, out var privateInterceptors);
        var nameable = source.Replace("private class", "internal class", StringComparison.Ordinal).Replace("private struct", "internal struct", StringComparison.Ordinal);
        var withInternal = Run(name, nameable, out var internalInterceptors);

        Assert.That(withPrivate, Is.EqualTo(withInternal));
        Assert.That(withPrivate, Does.Contain("MessageNode"), "the calls were recorded");
        Assert.That(privateInterceptors, Does.Contain("Recorded<"), "the private type's calls have generic interceptors");
        Assert.That(internalInterceptors, Does.Not.Contain("Recorded<"), "nameable types keep interceptors without type parameters");
    }

    [TestCaseSource(nameof(GenericOnlyCases))]
    public void Calls_with_types_no_code_can_name_are_recorded(string name, string source, string expected)
    {
        var actual = Run(name, source, out var interceptors);
        Assert.That(actual, Is.EqualTo(expected), actual);
        Assert.That(interceptors, Does.Contain("Recorded<"));
    }

    [Test]
    public void Type_parameters_that_cannot_be_repeated_leave_the_call_reported_and_untraced()
    {
        const string source = """
            #pragma warning disable CS8981
            public class K<T> { [Traced] public string M(int T) => "k" + T; }
            #pragma warning disable CS0693
            public class Twice<T> { [Traced] public string M<T>(T x) => "t"; }
            #pragma warning restore CS0693
            public static class H { [Traced] public static string Named<@this>(@this x) => "h"; [Traced] public static string Local<var>(var x) => "v"; }
            public class D<T> { [Traced] public string Name([System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicMethods)] Type t) => t.Name; }
            public static class G { [Traced] public static string Typed<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicMethods)] T>(T x) => typeof(T).Name; }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); return new K<Secret>().M(1) + G.Typed(new Secret()) + new Twice<Secret>().M(1) + H.Named(new Secret()) + H.Local(new Secret()) + new D<Secret>().Name(typeof(int)) + " | " + Graphs.Shape(s); } }
            """;

        // A parameter named like the containing type's type parameter, two type parameters of the same name, and one named
        // like the interceptor's receiver rule out a generic interceptor; D<T>'s Name can have one, and so can G.Typed, whose
        // type parameter's [DynamicallyAccessedMembers] the interceptor repeats on its own.
        var actual = Run("NotRepeatable", source, out var interceptors);
        Assert.That(actual, Is.EqualTo("k1SecretthvInt32 | InputNode x0(); MessageNode typed0(x0); InputNode t0(); MessageNode name0(t0)"), actual);
        Assert.That(interceptors, Does.Contain("Typed_0<[global::System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(global::System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicMethods)] T>("), interceptors);
    }

    internal static string Run(string name, string source, out string interceptors)
    {
        var parse = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var trees = new[] { Header + "namespace N;\n" + source, Header + Shape }.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"/src/{name}/File{i}.cs"));
        var compilation = CSharpCompilation.Create(name, trees, GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS1591", ReportDiagnostic.Suppress)]));
        var before = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToHashSet();
        Assert.That(before.Where(d => d.Contains("error", StringComparison.Ordinal)), Is.Empty);
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var introduced = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).Where(d => !before.Contains(d)).ToList();
        Assert.That(introduced, Is.Empty, string.Join("\n", introduced));
        interceptors = string.Join("\n", output.SyntaxTrees.Where(t => t.FilePath.EndsWith("Opto.Interceptors.g.cs", StringComparison.Ordinal) || t.FilePath.EndsWith("Opto.GlueCalls.g.cs", StringComparison.Ordinal) || t.FilePath.EndsWith("Opto.StoredGlue.g.cs", StringComparison.Ordinal)).Select(t => t.ToString()));
        return (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(output)], "N.P", "Run")!;
    }
}
