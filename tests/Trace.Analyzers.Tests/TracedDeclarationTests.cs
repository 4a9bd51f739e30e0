using Opto.Analyzers;
using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TracedDeclarationAnalyzer>;

namespace Trace.Analyzers.Tests;

public class TracedDeclarationTests
{
    [Test]
    public Task OPTO001_abstract_interface_operator_accessor_extern_partial() => Verify.Analyze("""
        using Opto;

        public abstract class Agent
        {
            [{|#0:Traced|}] public abstract string Reply(string text);
            [{|#2:Traced|}] public static Agent operator +(Agent a, Agent b) => a;
            public string Name { [{|#3:Traced|}] get => ""; }
            [{|#4:Traced|}] [System.Runtime.InteropServices.DllImport("x")] public static extern int Native();
        }

        public partial class Part
        {
            [{|#5:Traced|}] partial void Hook();
        }

        public interface IAgent
        {
            [{|#6:Traced|}] string Reply(string text);
        }

        public interface IGreeter
        {
            string Greet(string name);
        }

        public class Greeter : IGreeter
        {
            [{|#7:Traced|}] string IGreeter.Greet(string name) => name;
        }
        """,
        Verify.Diagnostic("OPTO001").WithLocation(0).WithArguments("Traced", "abstract 'Agent.Reply'", "an abstract method has no body; put the attribute on the overrides"),
        Verify.Diagnostic("OPTO001").WithLocation(2).WithArguments("Traced", "an operator", "operators cannot be intercepted; trace a named method and call it from the operator"),
        Verify.Diagnostic("OPTO001").WithLocation(3).WithArguments("Traced", "an accessor", "accessors cannot be intercepted; trace a method, or make the property [Trainable] if it is a value to optimize"),
        Verify.Diagnostic("OPTO001").WithLocation(4).WithArguments("Traced", "extern 'Agent.Native'", "an extern method's calls cannot be intercepted; wrap it in a traced method"),
        Verify.Diagnostic("OPTO001").WithLocation(5).WithArguments("Traced", "'Part.Hook'", "a partial method without an implementation is never called"),
        Verify.Diagnostic("OPTO001").WithLocation(6).WithArguments("Traced", "abstract 'IAgent.Reply'", "interface members have no body to intercept, and calls through an interface cannot be intercepted; put the attribute on the implementing class's method"),
        Verify.Diagnostic("OPTO001").WithLocation(7).WithArguments("Traced", "'Greeter.IGreeter.Greet'", "an explicit interface implementation is only called through its interface, and calls through an interface cannot be intercepted; put the attribute on a class method it calls, or implement the member implicitly"));

    [Test]
    public Task OPTO001_local_functions_and_lambdas() => Verify.Analyze("""
        using System;
        using Opto;

        public class Agent
        {
            public int Run()
            {
                [{|#0:Traced|}] int Local() => 1;
                Func<int> lambda = [{|#1:Traced|}] () => 2;
                return Local() + lambda();
            }
        }
        """,
        Verify.Diagnostic("OPTO001").WithLocation(0).WithArguments("Traced", "a local function", "its calls are not call sites the generator can intercept; move the code into a traced method"),
        Verify.Diagnostic("OPTO001").WithLocation(1).WithArguments("Traced", "a lambda", "its calls are not call sites the generator can intercept; move the code into a traced method"));

    [Test]
    public Task OPTO001_not_reported_on_ordinary_methods() => Verify.Analyze("""
        using System.Threading.Tasks;
        using Opto;

        public class Agent
        {
            [Traced] public string Reply(string text) => text;
            [Traced] public static int Count(int[] values) => values.Length;
            [Traced] public async Task<string> ReplyAsync(string text) { await Task.Yield(); return text; }
            [Traced] public virtual string Describe() => "agent";
        }
        """);

    [Test]
    public Task OPTO002_ref_structs_pointers_and_by_ref_parameters() => Verify.Analyze("""
        using System;
        using Opto;

        public class Agent
        {
            private int _x;
            [Traced] public int {|#0:Length|}(ReadOnlySpan<char> text) => text.Length;
            [Traced] public void {|#1:Bump|}(ref int value) => value++;
            [Traced] public ref int {|#2:Field|}() => ref _x;
            [Traced] public Span<int> {|#3:Slice|}(int[] values) => values;
            [Traced] public bool {|#4:TryGet|}<TValue>(string key, out TValue value) { value = default!; return false; }
        }
        """,
        Verify.Diagnostic("OPTO002").WithLocation(0).WithArguments("Agent.Length", "parameter 'text' has type System.ReadOnlySpan<char>, a ref struct or pointer, which a node cannot hold; take a string, array or list"),
        Verify.Diagnostic("OPTO002").WithLocation(1).WithArguments("Agent.Bump", "parameter 'value' is a value type passed by reference (ref), and a value the call sets there cannot be linked to it; return it instead"),
        Verify.Diagnostic("OPTO002").WithLocation(2).WithArguments("Agent.Field", "it returns by reference"),
        Verify.Diagnostic("OPTO002").WithLocation(3).WithArguments("Agent.Slice", "its result type System.Span<int> is a ref struct or pointer, which a node cannot hold"),
        Verify.Diagnostic("OPTO002").WithLocation(4).WithArguments("Agent.TryGet", "parameter 'value' is of the type parameter TValue, which may be a value type, passed by reference (out), and a value the call sets there cannot be linked to it; return it instead"));

    /// <summary>A ref struct's members are reported once where declared, not at each call, and not as traced on other receivers (OPTO004).</summary>
    [Test]
    public Task OPTO002_a_ref_struct_member_and_no_OPTO004_for_it() => Verify.Analyze("""
        using System;
        using Opto;

        public ref struct Builder : IDisposable
        {
            private int _length;
            [Traced] public void {|#0:Append|}(string text) => _length += text.Length;
            [Traced] public override string {|#1:ToString|}() => _length.ToString();
            [Traced] public void {|#2:Dispose|}() { }
            [Traced] public static int Capacity(int wanted) => wanted * 2;
        }
        """,
        Verify.Diagnostic("OPTO002").WithLocation(0).WithArguments("Builder.Append", "it is a member of the ref struct Builder, which an interceptor cannot take as its receiver; trace a static method or a method of a class instead"),
        Verify.Diagnostic("OPTO002").WithLocation(1).WithArguments("Builder.ToString", "it is a member of the ref struct Builder, which an interceptor cannot take as its receiver; trace a static method or a method of a class instead"),
        Verify.Diagnostic("OPTO002").WithLocation(2).WithArguments("Builder.Dispose", "it is a member of the ref struct Builder, which an interceptor cannot take as its receiver; trace a static method or a method of a class instead"));

    [Test]
    public Task OPTO002_names_every_reason_at_once() => Verify.Analyze("""
        using System;
        using Opto;

        public class Parser
        {
            [Traced] public void {|#0:Fill|}(long ticks, out int year, out int month, ref int day) { year = 1; month = 1; }
            [Traced] public int {|#1:Skip|}(ref ReadOnlySpan<char> text) => text.Length;
            [Traced] public Span<int> {|#2:Take|}(out int count, ReadOnlySpan<int> values, ref readonly int limit) { count = 0; return default; }
        }
        """,
        Verify.Diagnostic("OPTO002").WithLocation(0).WithArguments("Parser.Fill", "parameters 'year', 'month' and 'day' are value types passed by reference (out/ref), and values the call sets there cannot be linked to it; return them instead (a tuple)"),
        Verify.Diagnostic("OPTO002").WithLocation(1).WithArguments("Parser.Skip",
            "parameter 'text' has type System.ReadOnlySpan<char>, a ref struct or pointer, which a node cannot hold, and is passed by reference (ref); take a string, array or list by value"),
        Verify.Diagnostic("OPTO002").WithLocation(2).WithArguments("Parser.Take",
            "its result type System.Span<int> is a ref struct or pointer, which a node cannot hold; and parameter 'count' is a value type passed by reference (out), and a value the call sets there cannot be linked to it; return it instead; "
            + "and parameter 'values' has type System.ReadOnlySpan<int>, a ref struct or pointer, which a node cannot hold; take a string, array or list"));

    [Test]
    public Task OPTO004_override_of_an_untraced_base_and_interface_implementations() => Verify.Analyze("""
        using Opto;

        public interface IAgent { string Reply(string text); }

        public class Base { public virtual string Describe() => "base"; }

        public class Agent : Base, IAgent
        {
            [Traced] public string {|#0:Reply|}(string text) => text;
            [Traced] public override string {|#1:Describe|}() => "agent";
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(1).WithArguments("Agent.Describe", "Base", "only calls on a receiver typed as Agent are. Put [Traced] on 'Base.Describe' to trace every call."),
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Agent.Reply", "IAgent", "only calls on a receiver typed as Agent are. Call it on such a receiver, or trace a class method that the interface's callers use."));

    [Test]
    public Task OPTO004_over_an_abstract_base_advises_calling_through_the_derived_type() => Verify.Analyze("""
        using Opto;

        public abstract class Base { public abstract string Describe(); }

        public class Agent : Base
        {
            [Traced] public override string {|#0:Describe|}() => "agent";
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Agent.Describe", "Base", "only calls on a receiver typed as Agent are. 'Base.Describe' is abstract and cannot be traced itself; call the method on such a receiver."));

    [Test]
    public Task OPTO004_names_a_nested_class_by_its_containing_types_and_gives_no_advice_generated_code_cannot_follow() => Verify.Analyze("""
        using System.Collections.Generic;
        using Opto;

        public class Differ
        {
            private sealed class StringComparer : IEqualityComparer<string>
            {
                [Traced] public bool {|#0:Equals|}(string? x, string? y) => x == y;
                public int GetHashCode(string text) => text.Length;
            }

            internal sealed class Chunker : IEqualityComparer<string>
            {
                [Traced] public bool {|#1:Equals|}(string? x, string? y) => x == y;
                public int GetHashCode(string text) => text.Length;
            }
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Differ.StringComparer.Equals", "IEqualityComparer<string>",
            "no call of it is, on any receiver: generated code cannot name Differ.StringComparer (private, protected or file-local). Make it internal to trace its calls."),
        Verify.Diagnostic("OPTO004").WithLocation(1).WithArguments("Differ.Chunker.Equals", "IEqualityComparer<string>",
            "only calls on a receiver typed as Differ.Chunker are. Call it on such a receiver, or trace a class method that the interface's callers use."));

    [Test]
    public Task OPTO004_not_reported_when_the_base_is_traced() => Verify.Analyze("""
        using Opto;

        public class Base { [Traced] public virtual string Describe() => "base"; }

        public class Agent : Base
        {
            public override string Describe() => "agent";
            [Traced] public string Reply(string text) => text;
        }
        """);

    [Test]
    public Task OPTO010_async_void() => Verify.Analyze("""
        using System.Threading.Tasks;
        using Opto;

        public class Agent
        {
            [Traced] public async void {|#0:Fire|}(string text) => await Task.Yield();
            [Traced] public async Task Run(string text) => await Task.Yield();
        }
        """,
        Verify.Diagnostic("OPTO010").WithLocation(0).WithArguments("Agent.Fire"));

    [Test]
    public Task OPTO012_traced_and_trainable_together_and_traced_override_of_a_traced_base() => Verify.Analyze("""
        using Opto;

        public class Base { [Traced] public virtual string Describe() => "base"; }

        public class Agent : Base
        {
            /// <summary>Replies.</summary>
            [{|#0:Traced|}, Trainable] public string Reply(string text) => text;
            [{|#1:Traced|}] public override string Describe() => "agent";
        }
        """,
        Verify.Diagnostic("OPTO012").WithLocation(0).WithArguments("[Traced] is redundant on 'Agent.Reply': [Trainable] on a method already traces its calls"),
        Verify.Diagnostic("OPTO012").WithLocation(1).WithArguments("[Traced] is redundant on 'Agent.Describe': it overrides 'Base.Describe', which is traced, so calls of this override are traced already"));

    [Test]
    public Task OPTO012_fix_removes_the_redundant_attribute_everywhere() => Verify.Fix<Opto.Analyzers.CodeFixes.RemoveRedundantTracedFix>("""
        using Opto;

        public class Agent
        {
            /// <summary>Replies.</summary>
            [{|OPTO012:Traced|}, Trainable] public string Reply(string text) => text;

            /// <summary>Answers.</summary>
            [{|OPTO012:Traced|}]
            [Trainable]
            public string Answer(string text) => text;
        }
        """, """
        using Opto;

        public class Agent
        {
            /// <summary>Replies.</summary>
            [Trainable] public string Reply(string text) => text;

            /// <summary>Answers.</summary>
            [Trainable]
            public string Answer(string text) => text;
        }
        """);

    [Test]
    public Task OPTO001_interface_members_with_a_body_and_OPTO002_arglist() => Verify.Analyze("""
        using Opto;

        public interface IAgent
        {
            [{|#0:Traced|}] string Reply(string text) => text;
            [{|#1:Traced|}] static string Make(string text) => text;
        }

        public class Agent
        {
            [Traced] public int {|#2:Count|}(__arglist) => 0;
        }
        """,
        Verify.Diagnostic("OPTO001").WithLocation(0).WithArguments("Traced", "'IAgent.Reply'", "calls of interface members, with a body or static, cannot be intercepted; put the attribute on a class method"),
        Verify.Diagnostic("OPTO001").WithLocation(1).WithArguments("Traced", "'IAgent.Make'", "calls of interface members, with a body or static, cannot be intercepted; put the attribute on a class method"),
        Verify.Diagnostic("OPTO002").WithLocation(2).WithArguments("Agent.Count", "it takes __arglist; take an array instead"));

    [Test]
    public Task OPTO012_fix_keeps_a_comment_that_followed_the_attribute() => Verify.Fix<Opto.Analyzers.CodeFixes.RemoveRedundantTracedFix>("""
        using Opto;

        public class Agent
        {
            /// <summary>Answers.</summary>
            [{|OPTO012:Traced|}] // traced for the demo
            [Trainable]
            public string Answer(string text) => text;
        }
        """, """
        using Opto;

        public class Agent
        {
            /// <summary>Answers.</summary>
            // traced for the demo
            [Trainable]
            public string Answer(string text) => text;
        }
        """);
}
