using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TracedDeclarationAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>OPTO004 names types with their containers, and says so when no receiver can be traced.</summary>
public class BaseOrInterfaceNamingTests
{
    // A public generic class: calls on Agent<int> (a constructed type, nameable) are traced, so the receiver is advised.
    [Test]
    public Task OPTO004_on_a_public_generic_class_advises_the_receiver() => Verify.Analyze("""
        using Opto;

        public interface IAgent { string Reply(string text); }

        public class Agent<T> : IAgent
        {
            [Traced] public string {|#0:Reply|}(string text) => text;
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Agent<T>.Reply", "IAgent",
            "only calls on a receiver typed as Agent<T> are. Call it on such a receiver, or trace a class method that the interface's callers use."));

    // A public class nested in a public generic class.
    [Test]
    public Task OPTO004_on_a_class_nested_in_a_generic_class_advises_the_receiver() => Verify.Analyze("""
        using Opto;

        public interface IAgent { string Reply(string text); }

        public class Outer<T>
        {
            public class Agent : IAgent
            {
                [Traced] public string {|#0:Reply|}(string text) => text;
            }
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Outer<T>.Agent.Reply", "IAgent",
            "only calls on a receiver typed as Outer<T>.Agent are. Call it on such a receiver, or trace a class method that the interface's callers use."));

    // A private generic nested class: not nameable, and its name shows its type parameters and container.
    [Test]
    public Task OPTO004_on_a_private_generic_nested_class() => Verify.Analyze("""
        using Opto;

        public interface IAgent { string Reply(string text); }

        public class Outer
        {
            private class Agent<T> : IAgent
            {
                [Traced] public string {|#0:Reply|}(string text) => text;
            }
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Outer.Agent<T>.Reply", "IAgent",
            "no call of it is, on any receiver: generated code cannot name Outer.Agent<T> (private, protected or file-local). Make it internal to trace its calls."));

    [Test]
    public Task OPTO004_on_a_file_class() => Verify.Analyze("""
        using Opto;

        public interface IAgent { string Reply(string text); }

        file class Agent : IAgent
        {
            [Traced] public string {|#0:Reply|}(string text) => text;
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Agent.Reply", "IAgent",
            "no call of it is, on any receiver: generated code cannot name Agent (private, protected or file-local). Make it internal to trace its calls."));

    // An override in a protected nested class over a base class of this project.
    [Test]
    public Task OPTO004_override_in_a_protected_nested_class() => Verify.Analyze("""
        using Opto;

        public class Base { public virtual string Describe() => "base"; }

        public class Outer
        {
            protected class Agent : Base
            {
                [Traced] public override string {|#0:Describe|}() => "agent";
            }
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Outer.Agent.Describe", "Base",
            "no call of it is, on any receiver: generated code cannot name Outer.Agent (private, protected or file-local). Put [Traced] on 'Base.Describe' to trace every call, or make it internal."));

    // A public class nested in a private one: the private container is the one to change.
    [Test]
    public Task OPTO004_on_a_public_class_in_a_private_one_names_the_container_to_change() => Verify.Analyze("""
        using Opto;

        public interface IAgent { string Reply(string text); }

        public class Outer
        {
            private class Hidden
            {
                public class Agent : IAgent
                {
                    [Traced] public string {|#0:Reply|}(string text) => text;
                }
            }
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Outer.Hidden.Agent.Reply", "IAgent",
            "no call of it is, on any receiver: generated code cannot name Outer.Hidden.Agent (Outer.Hidden is private, protected or file-local). Make Outer.Hidden internal to trace its calls."));

    // An override in a private nested class of a virtual method of this project: [Traced] on the base method traces every
    // call through a Base receiver, which generated code can name.
    [Test]
    public Task OPTO004_override_in_a_private_nested_class_keeps_the_advice_to_trace_the_base() => Verify.Analyze("""
        using Opto;

        public class Base { public virtual string Describe() => "base"; }

        public class Outer
        {
            private class Agent : Base
            {
                [Traced] public override string {|#0:Describe|}() => "agent";
            }
        }
        """,
        Verify.Diagnostic("OPTO004").WithLocation(0).WithArguments("Outer.Agent.Describe", "Base",
            "no call of it is, on any receiver: generated code cannot name Outer.Agent (private, protected or file-local). Put [Traced] on 'Base.Describe' to trace every call, or make it internal."));
}
