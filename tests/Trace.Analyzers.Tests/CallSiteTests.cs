using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.CallSiteAnalyzer>;

namespace Trace.Analyzers.Tests;

public class CallSiteTests
{
    [Test]
    public Task OPTO013_calls_the_generator_leaves_untraced() => Verify.Analyze("""
        using System.Collections.Generic;
        using Opto;

        public class Base { [Traced] public virtual string Describe(string text) => text; }

        public class Agent : Base
        {
            public override string Describe(string text) => base.{|#0:Describe(text)|};
            [Traced] public T Same<T>(T value) => value;
            [Traced] public string Clash(string __x) => __x;
            // An anonymous type argument: intercepted by a generic interceptor.
            public string Run() => Same(new { A = 1 }).ToString() + {|#2:Clash("x")|};
        }

        public class Box<T>
        {
            [Traced] public string Show(string text) => text;
            public string Run() => Show("x"); // inside generic code: a generic interceptor
        }

        public readonly struct Point
        {
            [Traced] public int Length(int scale) => scale;
            [Traced] private int Twice(int x) => 2 * x;
            public int Run() => Twice(1); // a private readonly member: reached through an accessor, its receiver passed as a ref
        }

        public class Holder
        {
            private readonly Point _point;
            public int Run() => _point.Length(2); // a readonly struct's member: its receiver is passed by `in`
        }

        public static class Tools
        {
            [Traced] private static int Hidden(int __value) => __value;
            [Traced] private static int Reached(int value) => value;
            [Traced] public static string Shout(this string @this) => @this.ToUpperInvariant();
            public static int Run() => {|#5:Hidden(1)|} + Reached(2) + "a".Shout().Length;
        }

        public static class Recursive
        {
            // Inside itself, with its own type parameter (written or inferred): the compiler matches no interceptor to the call.
            [Traced] public static int Depth<T>(T last, int n) => n == 0 ? 0 : {|#6:Depth<T>(last, n - 1)|} + {|#7:Depth(last, n - 1)|} + Depth<int>(n, 0);
            public static int Run() => Depth("a", 1);
        }
        """,
        Verify.Diagnostic("OPTO013").WithLocation(6).WithArguments("Recursive.Depth", "it is a generic method called inside itself with its own type parameters, a call the compiler matches to no interceptor; the call that started it is traced, and its node holds what this one reads"),
        Verify.Diagnostic("OPTO013").WithLocation(7).WithArguments("Recursive.Depth", "it is a generic method called inside itself with its own type parameters, a call the compiler matches to no interceptor; the call that started it is traced, and its node holds what this one reads"),
        Verify.Diagnostic("OPTO013").WithLocation(0).WithArguments("Base.Describe", "a base call is never intercepted (the interceptor would call itself); call a traced method of your own class instead"),
        Verify.Diagnostic("OPTO013").WithLocation(2).WithArguments("Agent.Clash", "its parameter '__x' clashes with the interceptor's own names; rename the parameter"),
        Verify.Diagnostic("OPTO013").WithLocation(5).WithArguments("Tools.Hidden", "its parameter '__value' clashes with the interceptor's own names; rename the parameter"));

    [Test]
    public Task OPTO013_a_virtual_method_called_on_a_partial_class_another_generator_may_override_it_in() => Verify.Analyze("""
        using Opto;

        public class Base { [Traced] public virtual int Get() => 1; [Traced] public int Fixed() => 1; }
        public partial class Derived : Base { }
        public partial class Sealed : Base { public sealed override int Get() => 3; }
        public class Plain : Derived { }
        public class Own : Base { }

        public static class Calls
        {
            // The first partial class from the receiver's up is named; a call on the base class, of a method no class can
            // override, of a sealed override, or through classes that are not partial, is intercepted.
            public static int Run(Derived d, Plain p, Sealed s, Own o) => d.{|#0:Get()|} + p.{|#1:Get()|} + ((Base)d).Get() + d.Fixed() + s.Get() + o.Get();
        }
        """,
        Verify.Diagnostic("OPTO013").WithLocation(0).WithArguments("Base.Get", OverridableIn("Derived")),
        Verify.Diagnostic("OPTO013").WithLocation(1).WithArguments("Base.Get", OverridableIn("Derived")));

    private static string OverridableIn(string partialClass) =>
        $"another source generator may override it in the partial class {partialClass}, which this generator cannot see, and the call would then bind to that override; call it on a receiver typed as Base, or trace the method in {partialClass}";

    [Test]
    public Task OPTO013_private_static_methods_of_static_classes_are_traced_from_NET_10_on_and_reported_before() => Verify.AnalyzeOnNet8("""
        using Opto;

        public static class Tools
        {
            [Traced] private static int Hidden(int value) => value;
            [Traced] internal static int Shown(int value) => value;
            public static int Run() => {|#0:Hidden(1)|} + Shown(2);
        }
        """,
        Verify.Diagnostic("OPTO013").WithLocation(0).WithArguments("Tools.Hidden", "it is a private static method of a static class, which the interceptor can reach only on .NET 10 or later; make it internal"));

    [Test]
    public Task OPTO013_is_reported_for_private_type_arguments_only_where_no_generic_interceptor_can_repeat_the_declaration() => Verify.Analyze("""
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using Opto;

        public class Keyed<T> { [Traced] public string M(int T) => "k"; }
        public class Twice<T> { [Traced] public string M<T>(T x) => "t"; }
        public static partial class G
        {
            [Traced] public static string Typed<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] T>(T x) => typeof(T).Name;
            [Traced] public static T Same<T>(T x) => x;
            [Traced] public static int Count<T>(List<T> xs) where T : class, new() => xs.Count;
        }

        public static class P
        {
            private class Secret { }
            public static string Run()
                => new Keyed<Secret>().{|#0:M(1)|} + G.Typed(new Secret()) + new Twice<Secret>().{|#2:M(1)|}
                   + G.Same(new { A = 1 }) + G.Count(new List<Secret>()) + G.Same(new Secret()) + G.{|#3:Span(new Secret())|} + G.{|#4:Marked(new Secret())|};

            public static string Open<T>(T x) where T : class => G.{|#5:Marked(x)|}; // no type to make internal: the obstacle is all there is
        }

        public static partial class G
        {
            [Traced] public static string Span<T>(T x) where T : allows ref struct => "s";
            [Traced] public static string Marked<[Mark] T>(T x) => "m";
        }

        [AttributeUsage(AttributeTargets.GenericParameter)] public sealed class MarkAttribute : Attribute { }
        """,
        Verify.Diagnostic("OPTO013").WithLocation(0).WithArguments("Keyed.M", "generated code cannot name the type Keyed<P.Secret>: P.Secret is private or protected; make P.Secret internal (a generic interceptor would take it, but the parameter 'T' is named like a type parameter, which it declares beside it)"),
        Verify.Diagnostic("OPTO013").WithLocation(2).WithArguments("Twice.M", "generated code cannot name the type Twice<P.Secret>: P.Secret is private or protected; make P.Secret internal (a generic interceptor would take it, but the method and its type both have a type parameter named T, which it declares once)"),
        Verify.Diagnostic("OPTO013").WithLocation(3).WithArguments("G.Span", "generated code cannot name its type argument P.Secret (private or protected); make it internal (a generic interceptor would take it, but its type parameter T allows ref struct, and a ref struct cannot be recorded)"),
        Verify.Diagnostic("OPTO013").WithLocation(4).WithArguments("G.Marked", "generated code cannot name its type argument P.Secret (private or protected); make it internal (a generic interceptor would take it, but its type parameter T has the attribute MarkAttribute, which it does not repeat)"),
        Verify.Diagnostic("OPTO013").WithLocation(5).WithArguments("G.Marked", "its type argument is the type parameter T of the generic code around the call; call it from non-generic code (a generic interceptor would take it, but its type parameter T has the attribute MarkAttribute, which it does not repeat)"));

    [Test]
    public Task OPTO013_names_a_private_class_nested_in_generic_code_before_the_type_parameters_around_it() => Verify.Analyze("""
        using Opto;

        public class Machine<TState>
        {
            private class Event { [Traced] public string Raise(string text) => text; }
            public string Run() => new Event().{|#0:Raise("x")|};
        }
        """,
        // Called from non-generic code, Event would still be private: making it internal is what traces the call.
        Verify.Diagnostic("OPTO013").WithLocation(0).WithArguments("Event.Raise", "generated code cannot name the type Machine<TState>.Event (private or protected); make it internal"));

    [Test]
    public Task OPTO013_in_generic_code_names_the_private_type_of_the_declaration_that_stops_a_generic_interceptor() => Verify.Analyze("""
        using System.Collections.Generic;
        using Opto;

        public static class Sequences
        {
            private abstract class Store<TStore, T> { public abstract TStore New(); }

            [Traced]
            private static IEnumerable<T> Pick<T, TStore>(IEnumerable<T> source, Store<TStore, T> store) => source;

            private sealed class Picker<T>(IEnumerable<T> source)
            {
                private sealed class Firsts : Store<List<T>, T> { public override List<T> New() => []; }

                public IEnumerable<T> First() => {|#0:Pick(source, new Firsts())|};
            }
        }
        """,
        // From non-generic code the parameter's type would be private all the same: making it internal is what traces the call.
        Verify.Diagnostic("OPTO013").WithLocation(0).WithArguments("Sequences.Pick",
            "generated code cannot name the type of parameter 'store' Sequences.Store<TStore, T> (private or protected); make it internal"));

    [Test]
    public Task OPTO013_names_the_part_of_a_type_generated_code_cannot_name() => Verify.Analyze("""
        using System.Collections.Generic;
        using Opto;

        internal class Tracking<TItem>
        {
            [Traced] public void Add(TItem item) { }
        }

        internal class Rule<TModel> { }

        public class Validator<T>
        {
            private readonly Tracking<Rule<T>> _rules = new();
            public void Run() => _rules.Add(new Rule<T>()); // generic interceptors take the type arguments the code cannot name
        }

        public class Box<T>
        {
            [Traced] public string Show(string text) => text;
        }

        public class Holder
        {
            private class Secret { }
            [Traced] private string Take(List<Secret> items) => "";
            [Traced] public TValue Same<TValue>(TValue value) => value;
            public string Run() => new Box<Secret>().Show("x") + {|#2:Take(new List<Secret>())|};
            public TWrapped Wrap<TWrapped>(TWrapped value) => Same(value);
            private class Inner<TItem> { [Traced] public string Show(string text) => text; public string Run() => {|#5:Show("x")|}; }
        }

        file class Local
        {
            [Traced] public string Go(string text) => text;
            public string Run() => {|#4:Go("x")|};
        }
        """,
        Verify.Diagnostic("OPTO013").WithLocation(2).WithArguments("Holder.Take", "generated code cannot name the type of parameter 'items' System.Collections.Generic.List<Holder.Secret>: Holder.Secret is private or protected; make Holder.Secret internal"),
        Verify.Diagnostic("OPTO013").WithLocation(5).WithArguments("Inner.Show", "generated code cannot name the type Holder.Inner<TItem> (private or protected); make it internal"),
        Verify.Diagnostic("OPTO013").WithLocation(4).WithArguments("Local.Go", "generated code cannot name the type Local (file-local); make it internal instead of file-local"));

    [Test]
    public Task OPTO013_struct_receivers_in_mutable_fields_and_arrays_are_traced_and_readonly_ones_are_not() => Verify.Analyze("""
        using Opto;

        public struct Counter { public int N; [Traced] public int Bump(int by) { N += by; return N; } }
        public struct Wrapper { public Counter Inner; }

        public class Holder
        {
            public Counter Field;
            public static Counter Shared;
            public Counter[] Many = new Counter[2];
            public Wrapper Wrap;
            private readonly Wrapper _frozen;
            public int Traced(Holder other) => Field.Bump(1) + Shared.Bump(1) + Many[0].Bump(1) + Wrap.Inner.Bump(1) + other.Field.Bump(1);
            public int Untraced(in Wrapper held) => _frozen.Inner.{|#0:Bump(1)|} + held.Inner.{|#1:Bump(1)|} + Make().Inner.{|#2:Bump(1)|};
            private static Wrapper Make() => new();
        }
        """,
        Verify.Diagnostic("OPTO013").WithLocation(0).WithArguments("Counter.Bump", StructReason),
        Verify.Diagnostic("OPTO013").WithLocation(1).WithArguments("Counter.Bump", StructReason),
        Verify.Diagnostic("OPTO013").WithLocation(2).WithArguments("Counter.Bump", StructReason));

    private const string StructReason = "the struct receiver cannot be passed by reference (a readonly field, an in parameter, or a temporary value); call it on a local variable, a parameter or a mutable field, or make the member readonly";

    [Test]
    public Task OPTO013_not_reported_for_calls_the_generator_intercepts() => Verify.Analyze("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Opto;

        public class Agent
        {
            [Traced] public string Reply(string text) => text;
            [Traced] public T Same<T>(T value) => value;
            [Traced] private string Secret(string text) => text;
            [Traced] public async Task<string> ReplyAsync(string text) { await Task.Yield(); return text; }
            public async Task<string> Run() => Reply("a") + Same(1) + Same(new List<int>()).Count + Secret("s") + await ReplyAsync("b") + Tools.Twice(2);
        }

        public struct Counter
        {
            public int Count;
            [Traced] public int Add(int amount) => Count += amount;
        }

        public static class Tools
        {
            [Traced] internal static int Twice(int value) => value * 2;
            public static int Run() { var counter = new Counter(); return counter.Add(1); }
        }
        """);

    [Test]
    public Task OPTO013_dynamic_arguments_but_not_ref_struct_receivers() => Verify.Analyze("""
        using Opto;

        public class Agent
        {
            [Traced] public string Reply(string text) => text;
            public string Run(dynamic value) => {|#0:Reply(value)|};
        }

        public ref struct Cursor
        {
            [Traced] public int Next(int step) => step;
            [Traced] public static int Start(int at) => at;
        }

        public static class Use
        {
            // The ref struct's member is reported once, at its declaration (OPTO002); its static method is traced.
            public static int Run() { var cursor = new Cursor(); return cursor.Next(1) + Cursor.Start(2); }
        }
        """,
        Verify.Diagnostic("OPTO013").WithLocation(0).WithArguments("Agent.Reply", "an argument is dynamic, so the call is bound at run time and cannot be intercepted; cast the argument to its type"));
}
