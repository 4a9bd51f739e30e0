using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Trace.Generators.Tests;

/// <summary>User code of unusual shapes: the generated code must add no error or warning, and calls must still work.</summary>
public class EdgeCaseTests
{
    private const string Header = "using System; using System.Collections.Generic; using System.Linq; using System.Threading.Tasks; using Opto;\n";

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return C("Params", """
            namespace N;
            public class A { [Traced] public int Sum(params int[] xs) => xs.Sum(); [Traced] public static string J(string sep, params object?[] xs) => string.Join(sep, xs); }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); return a.Sum(1,2,3) + " " + a.Sum() + " " + A.J(",", 1, "x", null) + " " + a.Sum(new[]{4}); } }
            """, "6 0 1,x, 4");
        yield return C("Optional", """
            namespace N;
            public class A { [Traced] public string M(string a, int b = 2, string? c = null, System.Threading.CancellationToken ct = default) => a + b + (c ?? "null"); }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); return a.M("x") + a.M("y", c: "z"); } }
            """, "x2nully2z");
        yield return C("PartialWithImplementation", """
            namespace N;
            public partial class A { [Traced] public partial string M(string x); [Traced] partial void Hook(); public string Run2() { Hook(); return M("p"); } }
            public partial class A { public partial string M(string x) => x + Prompt; partial void Hook() { } [Trainable] public string Prompt { get; set; } = "!"; }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); var r = a.Run2(); return r + " " + s.Graph.Count + " " + string.Join(",", s.Graph.NodeOf(r)!.Parents.Select(p => p.Name)); } }
            """, "p! 3 x0,A.Prompt");
        yield return C("FileLocalType", """
            namespace N;
            file class Hidden { [Traced] public string M(string x) => x; [Trainable] public string P { get; set; } = ""; }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return new Hidden().M("f") + s.Graph.Count; } }
            """, "f0");
        yield return C("Arglist", """
            namespace N;
            public class A { [Traced] public int M(__arglist) => 1; }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); return a.M(__arglist(1, 2)).ToString() + s.Graph.Count; } }
            """, null); // compiles clean (skipped, not intercepted); this runtime cannot call vararg methods to show it
        yield return C("KeywordParams", """
            namespace N;
            public class A { [Traced] public string M(string @class, string @event, int @int) => @class + @event + @int; }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); return a.M("c", "e", 1); } }
            """, "ce1");
        yield return C("ParamNamedThis", """
            namespace N;
            public class A { [Traced] public string M(string @this) => @this; }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); return a.M("t"); } }
            """, "t");
        yield return C("ParamScope", """
            namespace N;
            public class A { [Traced] public string M(string __scope) => __scope; }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); return a.M("t"); } }
            """, "t");
        yield return C("ParamCall", """
            namespace N;
            public class A { [Traced] public string M(string __call) => __call; }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); return a.M("t"); } }
            """, "t");
        yield return C("ParamException", """
            namespace N;
            public class A { [Traced] public string M(string __exception) => __exception; }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); return a.M("t"); } }
            """, "t");
        yield return C("NullableRefs", """
            namespace N;
            public class A { [Traced] public string? M(string? x) => x; [Traced] public List<string?> L(List<string?> x) => x; [Traced] public Task<List<string?>?> T(List<string?>? x) => Task.FromResult(x); }
            public static class P { public static async Task<string> Run() { var a = new A(); using var s = TraceScope.Begin(); var l = a.L(new List<string?>{null, "q"}); var t = await a.T(l); return (a.M(null) ?? "n") + l.Count + t!.Count; } }
            """, "n22");
        yield return C("Tuples", """
            namespace N;
            public class A { [Traced] public (int a, string b) M((int x, string y) t) => (t.x + 1, t.y); [Traced] public Task<(int, string name)> T() => Task.FromResult((1, "n")); }
            public static class P { public static async Task<string> Run() { var a = new A(); using var s = TraceScope.Begin(); var r = a.M((1, "q")); var t = await a.T(); return r.a + r.b + t.name; } }
            """, "2qn");
        yield return C("DynamicParam", """
            namespace N;
            public class A { [Traced] public string M(dynamic d) => d.ToString(); [Traced] public void V(dynamic d) { } }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); a.V(1); return a.M(42); } }
            """, "42");
        yield return C("DynamicReturn", """
            namespace N;
            public class A { [Traced] public dynamic M(int d) => d; }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); object o = a.M(42); return o.ToString()!; } }
            """, "42");
        yield return C("DynamicRecordedAsItsValue", """
            namespace N;
            public class A {
              [Traced] public string M(dynamic d) => d.ToString() + "!";
              [Traced] public dynamic Make(int x) => x;
              [Traced] public string UseO(object o) => o.ToString() + "?";
            }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin();
              string r = a.M(42); object mo = a.Make(8); string uo = a.UseO(mo);
              return string.Join(" ; ", s.Graph.Nodes.Select(n => n.Name + ":" + n.ValueType.Name + "<-[" + string.Join(",", n.Parents.Select(p => p.Name)) + "]")); } }
            """, "d0:Int32<-[] ; m0:String<-[d0] ; x0:Int32<-[] ; make0:Object<-[x0] ; o0:Object<-[] ; useO0:String<-[o0]");
        yield return C("DynamicInGeneric", """
            namespace N;
            public class A { [Traced] public List<dynamic> M(int d) => new() { d }; }
            public static class P { public static string Run() { var a = new A(); using var s = TraceScope.Begin(); return a.M(42).Count.ToString(); } }
            """, "1");
        yield return C("GenericConstraints", """
            namespace N;
            public class Outer { public class Inner { public override string ToString() => "inner"; } }
            public static class G {
              [Traced] public static T S<T>(T x) where T : struct => x;
              [Traced] public static T NN<T>(T x) where T : notnull => x;
              [Traced] public static T? C<T>(T? x) where T : class? => x;
              [Traced] public static string E<T>(T x) where T : class, new() => x.ToString()!;
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return G.S(1) + G.NN("a") + (G.C<string?>(null) ?? "n") + G.E<Outer.Inner>(new Outer.Inner()) + G.S<int>(2); } }
            """, "1anInner2".Replace("Inner", "inner"));
        yield return C("GenericOpenNoParams", """
            namespace N;
            public static class G { [Traced] public static string Name<T>() => typeof(T).Name; }
            public static class P { static string F<U>() => G.Name<U>(); public static string Run() { using var s = TraceScope.Begin(); return F<int>(); } }
            """, "Int32");
        yield return C("GenericPrivateTypeArg", """
            namespace N;
            public static class G { [Traced] public static string Name<T>() => typeof(T).Name; }
            public static class P { private class Secret { } public static string Run() { using var s = TraceScope.Begin(); return G.Name<Secret>(); } }
            """, "Secret");
        yield return C("GenericAnonymousType", """
            namespace N;
            public static class G { [Traced] public static T Same<T>(T x) => x; [Traced] public static int Count<T>(List<T> x) => x.Count; }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var v = G.Same(new { X = 1 }); return v.X + "" + G.Count(new[]{ new { Y = 2 } }.ToList()); } }
            """, "11");
        yield return C("NullConditional", """
            namespace N;
            public class A { [Traced] public string M(string x) => x + "!"; [Traced] public int I(int x) => x + 1; }
            public static class P { public static string Run() { A? a = new A(); A? b = null; using var s = TraceScope.Begin(); return a?.M("x") + b?.M("y") + a?.I(1) + b?.I(1); } }
            """, "x!2");
        yield return C("ExpressionBodiedAndLocalFunctions", """
            namespace N;
            public class A { [Traced] public string M(string x) => x + "!"; }
            public class B { private readonly A _a = new(); public string P => _a.M("p"); public string this[int i] => _a.M("i" + i); public string Run2() { static string F(A a) => a.M("f"); return F(_a); } }
            public static class P { public static string Run() { var b = new B(); using var s = TraceScope.Begin(); return b.P + b[1] + b.Run2(); } }
            """, "p!i1!f!");
        yield return C("StructThis", """
            namespace N;
            public struct S { public int T; [Traced] public int Add(int x) => T += x; public int Twice(int x) { Add(x); return this.Add(x); } public S(int x) { T = 0; Add(x); } public int Prop { get => Add(1); } }
            public static class P { public static string Run() { var v = new S(5); using var sc = TraceScope.Begin(); v.Twice(2); _ = v.Prop; return v.T.ToString(); } }
            """, "10");
        yield return C("StructThisAsync", """
            namespace N;
            public struct S { public int T; [Traced] public int Add(int x) => T += x; public async Task<int> TwiceAsync(int x) { await Task.Yield(); Add(x); return Add(x); } public IEnumerable<int> It() { yield return Add(1); } }
            public static class P { public static async Task<string> Run() { var v = new S(); using var sc = TraceScope.Begin(); var r = await v.TwiceAsync(2); var i = v.It().First(); return r + " " + v.T + " " + i; } }
            """, "4 0 1");
        yield return C("StructLocalAwaitArg", """
            namespace N;
            public struct S { public int T; [Traced] public int Add(int x) => T += x; }
            public static class P { public static async Task<string> Run() { var v = new S(); using var sc = TraceScope.Begin(); v.Add(await Task.FromResult(3)); v.Add(await Task.FromResult(4)); return v.T.ToString(); } }
            """, "7");
        yield return C("Records", """
            namespace N;
            public record R(string Name) { [Traced] public string Hi(string x) => Name + x; }
            public record struct RS(int V) { [Traced] public int Add(int x) => V += x; }
            public readonly record struct RRS(int V) { [Traced] public int Get(int x) => V + x; }
            public static class P { public static string Run() { var r = new R("n"); var rs = new RS(1); var rrs = new RRS(2); using var sc = TraceScope.Begin(); return r.Hi("x") + rs.Add(2) + rs.V + rrs.Get(1); } }
            """, "nx333");
        yield return C("NestedClasses", """
            namespace N;
            public class Outer { public class Inner { [Traced] public string M(string x) => x; [Traced] public static Inner Make() => new(); } }
            public static class P { public static string Run() { using var sc = TraceScope.Begin(); return Outer.Inner.Make().M("k"); } }
            """, "k");
        yield return C("GlobalInternalTrainable", """
            internal class Cfg { [Trainable("desc with \"quotes\"", Constraint = "line1\nline2 \"q\" \\ {0}")] private static string s_prompt = "p"; [Traced] public string Use(string x) => s_prompt + x; public static string Get() => s_prompt; }
            public static class P { public static string Run() { using var sc = TraceScope.Begin(); return new Cfg().Use("x") + Cfg.Get(); } }
            """, "pxp");
        yield return C("NullableTrainables", """
            namespace N;
            public class A { [Trainable] public int? Count { get; set; } [Trainable] public string? Name { get; set; } [Trainable] private string? _n; [Trainable] public static List<string?>? L; }
            public static class P { public static string Run() => new A().TrainableParameters().Count.ToString(); }
            """, "4");
        yield return C("SameSimpleNameTwoNamespaces", """
            namespace N1 { public class Agent { [Trainable] private string _prompt = "a"; [Trainable] public string P { get; set; } = ""; } }
            namespace N2 { public class Agent { [Trainable] private string _prompt = "b"; [Trainable] public string P { get; set; } = ""; } }
            public static class P { public static string Run() => N1.AgentTrainables.TrainableParameters(new N1.Agent()).Count + "" + N2.AgentTrainables.TrainableParameters(new N2.Agent()).Count; }
            """, "22");
        yield return C("NestedVsTopLevelNameCollision", """
            namespace N;
            public class Outer { public class Inner { [Trainable] public string X { get; set; } = ""; } }
            public class OuterInner { [Trainable] public string Y { get; set; } = ""; }
            public static class P { public static string Run() => "ok"; }
            """, "ok");
        yield return C("AsyncVoidAndValueTask", """
            namespace N;
            public class A { public int Hits; [Traced] public async void Fire(int x) { await Task.Yield(); Hits += x; } [Traced] public ValueTask Wait(int ms) => new(Task.Delay(ms)); [Traced] public ValueTask Sync(int ms) => default; }
            public static class P { public static async Task<string> Run() { var a = new A(); using var sc = TraceScope.Begin(); a.Fire(1); await a.Wait(5); await a.Sync(1); await Task.Delay(50); return a.Hits + " " + sc.Graph.Nodes.Count(); } }
            """, null);
        yield return C("TaskIntIntoTraced", """
            namespace N;
            public class A { [Traced] public Task<int> Get(int x) => Task.FromResult(x + 1); [Traced] public int Use(Task<int> t) => t.Result * 10; [Traced] public int Twice(int x) => x * 2; [Traced] public int Plus(int x) => x + 1; [Traced] public ValueTask<int> GetV(int x) => new(x); [Traced] public int UseV(ValueTask<int> t) => t.Result; }
            public static class P { public static async Task<string> Run() { var a = new A(); using var sc = TraceScope.Begin(); var r = a.Use(a.Get(1)); var q = a.Twice(await a.Get(2)); var w = a.Twice(a.Plus(5)); var v = a.UseV(a.GetV(7)); var lines = sc.Graph.Nodes.Select(n => n.Name + "<" + string.Join(",", n.Parents.Select(p => p.Name)) + ">"); return r + " " + q + " " + w + " " + v + " | " + string.Join(" ", lines); } }
            """, null);
        yield return C("ObsoleteTraced", """
            namespace N;
            public class A { [Obsolete("old")] [Traced] public string M(string x) => x; [Obsolete("old")] [Trainable] public string P { get; set; } = ""; }
            public static class P2 { [Obsolete] public static string Run() { using var sc = TraceScope.Begin(); return new A().M("x"); } }
            """, null);
        yield return C("NullabilityAttributes", """
            using System.Diagnostics.CodeAnalysis;
            namespace N;
            public class A { [Traced] public string M([DisallowNull] string? x) => x; [Traced] [return: MaybeNull] public string R(int x) => null; [Trainable] [AllowNull] public string Name { get => _name; set => _name = value ?? ""; } private string _name = ""; [Trainable] [DisallowNull] public string? Other { get; set; } }
            public static class P { public static string Run() { var a = new A(); using var sc = TraceScope.Begin(); return a.M("x") + (a.R(1) ?? "n"); } }
            """, "xn");
        yield return C("KeywordMethodName", """
            namespace N;
            public class A { [Traced] public string @class(string x) => x; [Traced] public static string @event(string x) => x; }
            public static class P { public static string Run() { var a = new A(); using var sc = TraceScope.Begin(); return a.@class("c") + A.@event("e"); } }
            """, "ce");
        yield return C("InterceptorNameCollision", """
            namespace N;
            public class A { [Traced] public int M(int x) => x; [Traced] public int M1(int x) => x; 
              [Traced] public int Z0(string x) => 0; [Traced] public int Z2(string x) => 0; [Traced] public int Z3(string x) => 0; [Traced] public int Z4(string x) => 0; [Traced] public int Z5(string x) => 0; [Traced] public int Z6(string x) => 0; [Traced] public int Z7(string x) => 0; [Traced] public int Z8(string x) => 0; [Traced] public int Z9(string x) => 0; }
            public static class P { public static string Run() { var a = new A(); using var sc = TraceScope.Begin(); return "" + a.Z0("") + a.M1(1) + a.Z2("") + a.Z3("") + a.Z4("") + a.Z5("") + a.Z6("") + a.Z7("") + a.Z8("") + a.Z9("") + a.M(1) + a.M(2); } }
            """, null);
        yield return C("ExpressionTree", """
            using System.Linq.Expressions;
            namespace N;
            public class A { [Traced] public string M(string x) => x; }
            public static class P { public static string Run() { Expression<Func<A, string>> e = a => a.M("x"); return e.Compile()(new A()); } }
            """, "x");
        yield return C("PartialAcrossFiles", """
            namespace N;
            public partial class A { /// <summary>Part one.</summary>
              [Traced] public string M(string x) => x + _p; }
            public static class P { public static string Run() { var a = new A(); using var sc = TraceScope.Begin(); return a.M("x"); } }
            """, "xp", """
            using Opto;
            namespace N;
            public partial class A { [Trainable] private string _p = "p"; public string Call() => M("y"); }
            """);
        yield return C("GenericClassInstantiation", """
            namespace N;
            public class Box<T> { public T V = default!; [Traced] public T Get(int x) => V; public class Nested { [Traced] public string H(string s) => s; } }
            public static class P { public static string Run() { var b = new Box<string> { V = "v" }; using var sc = TraceScope.Begin(); return b.Get(1) + new Box<int>.Nested().H("h"); } }
            """, "vh");
        yield return C("CallerInfo", """
            using System.Runtime.CompilerServices;
            namespace N;
            public class A { [Traced] public string M(string x, [CallerMemberName] string caller = "", [CallerArgumentExpression(nameof(x))] string expr = "") => x + caller + expr; }
            public static class P { public static string Run() { var a = new A(); using var sc = TraceScope.Begin(); var y = "q"; return a.M(y); } }
            """, "qRuny");
        yield return C("CallerLineFileMemberAndExpression", """
            using System.Runtime.CompilerServices;
            namespace N;
            public class A { [Traced] public string M(string x, [CallerLineNumber] int line = 0, [CallerFilePath] string file = "", [CallerMemberName] string member = "", [CallerArgumentExpression(nameof(x))] string expr = "") => $"{x} {line} {System.IO.Path.GetFileName(file)} {member} {expr}"; }
            public static class P { public static string Run() { var a = new A(); using var sc = TraceScope.Begin(); var r = a.M("q" + 1); return r + " " + (sc.Graph.NodeOf(r) is MessageNode); } }
            """, "q1 5 File0.cs Run \"q\" + 1 True");
        // A [Conditional] method's call is kept only where its symbol is defined (here in the second file): the interceptor must still call it.
        yield return C("ConditionalDefinedInOneFile", """
            namespace N;
            public class A { public List<string> Lines = new(); [System.Diagnostics.Conditional("TRACE_ME")] [Traced] public void Log(string x) => Lines.Add(x); }
            public static class P { public static string Run() { var a = new A(); using var sc = TraceScope.Begin(); a.Log("removed"); Other.Call(a); return string.Join(",", a.Lines) + " " + sc.Graph.Nodes.Count(n => n is MessageNode); } }
            """, "kept 1", """
            #define TRACE_ME
            namespace N;
            public static class Other { public static void Call(A a) => a.Log("kept"); }
            """);
        yield return C("InterpolatedStringHandlerClass", """
            using System.Runtime.CompilerServices;
            namespace N;
            [InterpolatedStringHandler] public class Builder { private readonly System.Text.StringBuilder _b = new(); public Builder(int literalLength, int formattedCount, A owner) => _b.Append(owner.Prefix); public void AppendLiteral(string s) => _b.Append(s); public void AppendFormatted<T>(T v) => _b.Append(v); public override string ToString() => _b.ToString(); }
            public class A { public string Prefix = ">"; [Traced] public string Log([InterpolatedStringHandlerArgument("")] Builder b) => b.ToString(); }
            public static class P { public static string Run() { var a = new A(); using var sc = TraceScope.Begin(); var n = 5; var r = a.Log($"n={n}"); return r + " " + (sc.Graph.NodeOf(r) is MessageNode); } }
            """, ">n=5 True");
        yield return C("InternalMethodPublicClass", """
            namespace N;
            public class A { [Traced] internal string M(string x) => x; [Traced] protected internal string N(string x) => x; [Traced] protected string Pr(string x) => x; [Traced] private protected string PP(string x) => x; public string Go() => M("a") + N("b") + Pr("c") + PP("d"); }
            public static class P { public static string Run() { using var sc = TraceScope.Begin(); return new A().Go(); } }
            """, "abcd");
        // Members of a generic base class that generated code could only reach through an UnsafeAccessor: not intercepted
        // (OPTO013), because such an accessor of a constructed generic type makes the caller fail to compile in the JIT.
        yield return C("InaccessibleMembersOfGenericBase", """
            namespace N;
            public abstract class Base<T> where T : Base<T> { [Traced] private protected string Indent(string x) => ">" + x; [Traced] protected string Pr(string x) => "p" + x; [Traced] public string Pub(string x) => "u" + x; public class Inner { [Traced] protected string In(string x) => "i" + x; } }
            public class Html : Base<Html> { public string Go() => Indent("a") + Pr("b") + Pub("c"); }
            public class Deep : Base<Html>.Inner { public string Go() => In("d"); }
            public static class P { public static string Run() { var h = new Html(); var off = h.Go() + new Deep().Go(); using var sc = TraceScope.Begin(); var on = h.Go() + new Deep().Go(); return off + " " + on + " " + sc.Graph.Nodes.Count(n => n is MessageNode); } }
            """, ">apbucid >apbucid 4");
        // Members of generic types are intercepted, inaccessible ones through UnsafeAccessors as generic as the type.
        yield return C("GenericTypesAccessibleMembers", """
            namespace N;
            public abstract class Base<T> where T : Base<T> { [Traced] internal string I(string x) => "i" + x; [Traced] protected internal string PI(string x) => "q" + x; [Traced] public string Pub(string x) => "u" + x; [Traced] protected static string St(string x) => "s" + x; [Traced] internal static string ISt(string x) => "t" + x; }
            public class Html : Base<Html> { public string Go() => I("a") + PI("b") + Pub("c") + St("d") + ISt("e"); }
            public class Outer<T> { [Traced] private string Priv(string x) => "p" + x; public class Nested { public string Go(Outer<int> o) => o.Priv("f"); } }
            public struct S<T> { [Traced] public string M(string x) => "m" + x; }
            public static class P { public static string Run() { var h = new Html(); var off = h.Go() + new Outer<int>.Nested().Go(new Outer<int>()); var s = new S<int>(); using var sc = TraceScope.Begin(); var on = h.Go() + new Outer<int>.Nested().Go(new Outer<int>()) + s.M("g"); return off + " " + on + " " + sc.Graph.Nodes.Count(n => n is MessageNode); } }
            """, "iaqbucsdtepf iaqbucsdtepfmg 7");
        yield return C("GenericTypesInOtherGeneratedCode", """
            namespace N;
            public class Outer<T> { public class Inner { [Trainable] private string P { get; set; } = "x"; [Trainable] private string F = "y"; [Traced] public string M(string s) => s + P + F; } }
            public class Conf { [Trainable] public string Prompt { get; set; } = "p"; }
            public abstract class Base<T> { private Conf _c = new(); private Outer<int>.Inner _inner = new(); private Parameter<string> _p = new("z", "p"); [Traced] public string Ask(string s) => s + _c.Prompt + _inner.M(s) + _p.Value; }
            public class Html : Base<Html> { }
            public static class P { public static string Run() { var h = new Html(); var off = h.Ask("a"); using var sc = TraceScope.Begin(); return off + " " + h.Ask("a"); } }
            """, "apaxyz apaxyz");
        yield return C("UnconstrainedGenericBase", """
            namespace N;
            public abstract class Base<T> { [Traced] protected string Pr(string x) => "p" + x; [Traced] private protected string PP(string x) => "q" + x; [Traced] protected static string St(string x) => "s" + x; }
            public class Html : Base<int> { public string Go() => Pr("a") + PP("b") + St("c"); }
            public static class P { public static string Run() { var h = new Html(); var off = h.Go(); using var sc = TraceScope.Begin(); var on = h.Go(); return off + " " + on + " " + sc.Graph.Nodes.Count(n => n is MessageNode); } }
            """, "paqbsc paqbsc 3");
        yield return C("ExtensionOnStructAndInterface", """
            namespace N;
            public interface I { }
            public struct S : I { }
            public static class E { [Traced] public static string Ext(this I i, string x) => x; [Traced] public static string ExtS(this S s, string x) => x; [Traced] public static string ExtG<T>(this T t, string x) where T : I => x; }
            public static class P { public static string Run() { var s = new S(); using var sc = TraceScope.Begin(); return s.Ext("a") + s.ExtS("b") + s.ExtG("c"); } }
            """, "abc");
        yield return C("ReadonlyMemberOnLocal", """
            namespace N;
            public struct S { public int T; [Traced] public readonly int Get(int x) => T + x; }
            public static class P { public static string Run() { var v = new S { T = 1 }; using var sc = TraceScope.Begin(); return v.Get(2).ToString(); } }
            """, "3");
        yield return C("PrivateMethodParameterNamedLikeTheAccessorsReceiver", """
            namespace N;
            public class W { [Traced] private string Get(string name, int target) => name + target; [Traced] private static string Both(W target, string @this2) => @this2; public string Run() => Get("x", 1) + Both(this, "y"); }
            public static class P { public static string Run() { var w = new W(); var off = w.Run(); using var sc = TraceScope.Begin(); var on = w.Run(); return off + " " + on + " " + sc.Graph.Nodes.Count(n => n is MessageNode); } }
            """, "x1y x1y 2");
        yield return C("ParametersNamedLikeGeneratedCode", """
            namespace N;
            public class A
            {
                [Traced] public string M(string TracedOperators) => TracedOperators;
                [Traced] public string R(string R_1Recorded) => R_1Recorded;
                [Traced] private string H(string H_2Accessor, string __H_2Accessor2) => H_2Accessor;
                public string Go() => M("m") + R("r") + H("h", "");
            }
            public static class P { public static string Run() { var a = new A(); var off = a.Go(); using var sc = TraceScope.Begin(); var on = a.Go(); return off + " " + on + " " + sc.Graph.Nodes.Count(n => n is MessageNode); } }
            """, "mrh mrh 2");
        yield return C("StructReceiversInFieldsAndArrays", """
            namespace N;
            public struct Counter { public int N; [Traced] public int Bump(int by) { N += by; return N; } }
            public struct Wrapper { public Counter Inner; }
            public class Holder
            {
                public Counter Field; public static Counter Shared; public Counter[] Many = new Counter[2]; public Wrapper Wrap;
                public int Go() => Field.Bump(1) + Shared.Bump(10) + Many[1].Bump(100) + Wrap.Inner.Bump(1000);
            }
            public static class P { public static string Run() { var h = new Holder(); var off = h.Go(); using var sc = TraceScope.Begin(); var on = h.Go(); return off + " " + on + " " + h.Field.N + " " + Holder.Shared.N + " " + h.Many[1].N + " " + h.Wrap.Inner.N + " " + sc.Graph.Nodes.Count(n => n is MessageNode); } }
            """, "1111 2222 2 20 200 2000 4");
        // A private readonly member is reached through an UnsafeAccessor, which takes the struct by ref: the receiver the
        // interceptor got by `in` (this of a readonly struct, a readonly field) is handed over as a ref it cannot write.
        yield return C("PrivateReadonlyMembersThroughTheAccessor", """
            namespace N;
            public readonly struct Span3 { public readonly int T; public Span3(int t) => T = t; [Traced] private int Check(int x) => T + x; [Traced] private static int Twice(int x) => 2 * x; public int Run() => this.Check(1) + Check(2) + Twice(T); }
            public struct Cursor { public int At; [Traced] private readonly int Peek(int x) => At + x; public readonly int Run() => Peek(1) + this.Peek(2); }
            public class Holder { private readonly Span3 _span = new(10); private readonly Cursor _cursor = new() { At = 5 }; public int Go() => _span.Run() + _cursor.Run(); }
            public static class P { public static string Run() { var h = new Holder(); var off = h.Go(); using var sc = TraceScope.Begin(); var on = h.Go(); return off + " " + on + " " + sc.Graph.Nodes.Count(n => n is MessageNode); } }
            """, "56 56 5");
        yield return C("ReadonlyStructLocal", """
            namespace N;
            public readonly struct S { public readonly int T; public S(int t) => T = t; [Traced] public int Get(int x) => T + x; }
            public static class P { public static string Run() { var v = new S(1); using var sc = TraceScope.Begin(); return v.Get(2).ToString(); } }
            """, "3");
        // A readonly member takes its receiver by `in`: a readonly field, an `in` parameter, a temporary, a readonly struct's
        // member, a private one of the same struct (called directly), each recorded, and a mutable receiver left unchanged.
        yield return C("ReadonlyMembersOnAnyReceiver", """
            namespace N;
            public struct Slice { public int Start; [Traced] public readonly int Peek(int at) => Start + at; [Traced] public int Advance() => ++Start; }
            public readonly struct Span2 { public readonly int T; public Span2(int t) => T = t; [Traced] public int Get(int x) => T + x; }
            public class Holder
            {
                private readonly Slice _frozen = new() { Start = 10 };
                private readonly Span2 _span = new(5);
                public int Go(in Slice held) => _frozen.Peek(1) + held.Peek(2) + Make().Peek(3) + _span.Get(4) + new Span2(6).Get(1);
                private static Slice Make() => new() { Start = 100 };
            }
            public static class P
            {
                public static string Run()
                {
                    var h = new Holder(); var s = new Slice { Start = 1000 };
                    var off = h.Go(in s);
                    using var sc = TraceScope.Begin();
                    var on = h.Go(in s) + s.Advance();
                    return off + " " + on + " " + s.Start + " " + sc.Graph.Nodes.Count(n => n is MessageNode);
                }
            }
            """, "1132 2133 1001 6");
        // A ref struct's static method is traced; its instance methods are not (OPTO002), and the code compiles around them.
        yield return C("RefStructMethods", """
            namespace N;
            public ref struct Cursor
            {
                public int At;
                [Traced] public static int Start(int at) => at * 2;
                [Traced] public int Next(int step) => At += step;
            }
            public static class P { public static string Run() { using var sc = TraceScope.Begin(); var c = new Cursor { At = Cursor.Start(2) }; return c.Next(3) + " " + sc.Graph.Nodes.Count(n => n is MessageNode); } }
            """, "7 1");
        // C# 14: a [Trainable] property whose accessors use `field`, and a traced result put through a null-conditional assignment.
        yield return C("CSharp14FieldAndNullConditionalAssignment", """
            namespace N;
            public sealed class Holder { public string? Text; }
            public sealed class Agent
            {
                [Trainable("The instruction.")] public string Prompt { get => field; set => field = value.Trim(); } = "Be brief.";
                [Traced] public string Summarize(string x) => Prompt + " " + x;
                [Traced] public string Classify(string x) => x.Length > 12 ? "long" : "short";
                public string Run(Holder? h) { h?.Text = Summarize(new string('a', 1)); return Classify(h?.Text ?? "none"); }
            }
            public static class P
            {
                public static string Run()
                {
                    var agent = new Agent(); agent.Prompt = "  Be very brief.  ";
                    using var sc = TraceScope.Begin();
                    var kept = new Holder();
                    var result = agent.Run(kept) + " " + agent.Run(null);
                    var classify = sc.Graph.Nodes.OfType<MessageNode>().First(n => n.Name.StartsWith("classify"));
                    return result + " " + kept.Text + " " + string.Join(",", classify.Parents.Select(p => p.Name)) + " " + agent.TrainableParameters().Count;
                }
            }
            """, "long short Be very brief. a summarize0 1");
    }

    private static TestCaseData C(string name, string source, string? expected, params string[] more) =>
        new TestCaseData(name, source, expected, more).SetName("Edge_" + name);

    [TestCaseSource(nameof(Cases))]
    public void Compiles_clean_and_runs(string name, string source, string? expected, string[] more)
    {
        var parse = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var trees = new[] { Header + source }.Concat(more).Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"/src/{name}/File{i}.cs"));
        var refs = Basic.Reference.Assemblies.Net100.References.All.Concat([MetadataReference.CreateFromFile(typeof(Opto.TraceScope).Assembly.Location)]);
        var compilation = CSharpCompilation.Create(name, trees, refs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS1591", ReportDiagnostic.Suppress)]));
        var before = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var gd);
        var generated = driver.GetRunResult().Results.Single().GeneratedSources;
        var after = gd.Concat(output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        var beforeText = before.Select(d => d.ToString()).ToHashSet();
        var introduced = after.Where(d => !beforeText.Contains(d)).ToList();
        Assert.That(introduced, Is.Empty, string.Join("\n", introduced));
        if (expected is null && !name.Contains("Async") && !name.Contains("TaskInt")) return;
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.That(emit.Success, Is.True, string.Join("\n", emit.Diagnostics));
        var result = GeneratorHarness.Invoke([stream.ToArray()], name is "GlobalInternalTrainable" or "SameSimpleNameTwoNamespaces" ? "P" : name == "ObsoleteTraced" ? "N.P2" : "N.P", "Run");
        if (expected is not null) Assert.That(result, Is.EqualTo(expected));
    }
}

public class TopLevelStatementTests
{
    [Test]
    public void Calls_in_top_level_statements_are_intercepted()
    {
        const string src = """
            using Opto;
            using N;
            var a = new A();
            var st = new S();
            using var sc = TraceScope.Begin();
            Console.WriteLine(a.M("x") + st.Add(1) + Local(a));
            static string Local(A a) => a.M("y");
            namespace N { public class A { [Traced] public string M(string x) => x; } public struct S { public int T; [Traced] public int Add(int x) => T += x; } }
            """;
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Top",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("global using System;\n" + src, GeneratorHarness.ParseOptions, path: "/src/Top/Program.cs")],
            Basic.Reference.Assemblies.Net100.References.All.Concat([Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(Opto.TraceScope).Assembly.Location)]),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.ConsoleApplication, nullableContextOptions: Microsoft.CodeAnalysis.NullableContextOptions.Enable));
        var generated = GeneratorHarness.Run(compilation);
        generated.AssertClean();
        Assert.That(generated.Sources["Opto.Interceptors.g.cs"], Does.Contain("InterceptsLocation"));
        GeneratorHarness.Emit(generated.Compilation);
    }
}
