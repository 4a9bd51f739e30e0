using Microsoft.CodeAnalysis.CSharp;
using CallSites = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.CallSiteAnalyzer>;
using Declarations = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TracedDeclarationAnalyzer>;
using TrainableMethods = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TrainableMethodAnalyzer>;
using TrainableReads = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TrainableReadAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// Members of C# 14 extension blocks are traced like classic extension methods: no OPTO001 on them, their calls are
/// intercepted in their project and in others, and what no interceptor can take (a receiver by reference or a ref struct)
/// is reported as it is for a parameter. Messages name them by the static class that declares the block.
/// </summary>
public class ExtensionBlockTests
{
    private const string Declaration = """
        using Opto;

        public static class IntExtensions
        {
            extension(int value)
            {
                [Traced] public int Doubled() => value * 2;
                [Traced] public static int Zero() => 0;
            }
        }
        """;

    [Test]
    public Task An_extension_block_member_is_traceable() => Declarations.AnalyzeAt(LanguageVersion.Preview, [Declaration]);

    [Test]
    public Task Its_calls_from_another_project_are_intercepted() => CallSites.AnalyzeWithLibrary(
        LanguageVersion.Preview,
        Declaration,
        """
        public static class Use
        {
            public static int Run() => 3.Doubled() + int.Zero() + IntExtensions.Doubled(4);
        }
        """);

    [Test]
    public Task OPTO002_a_receiver_by_reference_or_a_ref_struct_names_the_member_by_its_static_class() => Declarations.AnalyzeAt(LanguageVersion.Preview, ["""
        using System;
        using Opto;

        public struct Point { public int X; }

        public static class Receivers
        {
            extension(ReadOnlySpan<char> text)
            {
                [Traced] public int {|#0:Length|}() => text.Length;
            }

            extension(ref Point point)
            {
                [Traced] public int {|#1:Moved|}(int by) => point.X += by;
            }

            extension(Point point)
            {
                [Traced] public int Right(int by) => point.X + by;
            }
        }
        """],
        Declarations.Diagnostic("OPTO002").WithLocation(0).WithArguments("Receivers.Length", "parameter 'text' has type System.ReadOnlySpan<char>, a ref struct or pointer, which a node cannot hold; take a string, array or list"),
        Declarations.Diagnostic("OPTO002").WithLocation(1).WithArguments("Receivers.Moved", "parameter 'point' is passed by reference (ref); pass it by value"));

    /// <summary>
    /// An untraced extension block member read from a traced body is read with its receiver, as a classic extension method is:
    /// linked through a field, reported (OPTO016) through a receiver the call cannot find again.
    /// </summary>
    [Test]
    public Task A_prompt_an_untraced_extension_member_reads_through_its_receiver_is_linked_where_it_can_be() => TrainableReads.AnalyzeAt(LanguageVersion.Preview, ["""
        using Opto;

        public sealed class Agent { [Trainable] public string Prompt = "Be brief."; }

        public static class AgentText
        {
            extension(Agent agent)
            {
                public string Framed() => "[" + agent.Prompt + "]";
            }
        }

        public sealed class Bot
        {
            private readonly Agent _agent = new();
            [Traced] public string Ask(string q) => _agent.Framed() + q;
            [Traced] public string AskFresh(string q) => {|#0:Make().Framed()|} + q;
            private static Agent Make() => new();
        }
        """],
        TrainableReads.Diagnostic("OPTO016").WithLocation(0));

    [Test]
    public Task OPTO009_the_code_of_an_extension_block_member_is_not_a_parameter() => TrainableMethods.AnalyzeAt(LanguageVersion.Preview, ["""
        using Opto;

        public static class Texts
        {
            extension(string text)
            {
                /// <summary>Shortens the text.</summary>
                [Trainable] public string {|#0:Shorter|}() => text.Substring(1);
            }
        }
        """],
        TrainableMethods.Diagnostic("OPTO009").WithLocation(0).WithArguments("Texts.Shorter", "it is a member of an extension block"));
}
