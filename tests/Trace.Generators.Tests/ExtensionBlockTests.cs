using Microsoft.CodeAnalysis;

namespace Trace.Generators.Tests;

/// <summary>
/// Members of C# 14 extension blocks are traced: each program is recorded as the same program written with classic
/// extension methods (and static methods for the block's static members) is, and runs as it does untraced.
/// </summary>
public class ExtensionBlockTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return C(
            "InstanceAndStatic",
            """
            public static class Tools
            {
                extension(string x)
                {
                    [Traced] public string Twice() => x + x;
                    [Traced] public string Tag(int n) => x + n;
                    [Traced] public static string Make(int n) => new string('m', n);
                }
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var a = "ab".Twice(); return a.Tag(2) + string.Make(2).Twice() + Tools.Tag(a, 3) + " | " + Graphs.Shape(s); } }
            """,
            """
            public static class Tools
            {
                [Traced] public static string Twice(this string x) => x + x;
                [Traced] public static string Tag(this string x, int n) => x + n;
                [Traced] public static string Make(int n) => new string('m', n);
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var a = "ab".Twice(); return a.Tag(2) + Tools.Make(2).Twice() + Tools.Tag(a, 3) + " | " + Graphs.Shape(s); } }
            """,
            "abab2mmmmabab3 | ");
        yield return C(
            "GenericBlock",
            """
            public static class Lists
            {
                extension<T>(List<T> xs)
                {
                    [Traced] public T FirstOr(T fallback) => xs.Count > 0 ? xs[0] : fallback;
                    [Traced] public string Describe<R>(R extra) => typeof(T).Name + xs.Count + extra;
                }
            }
            public static class P
            {
                private sealed class Secret { public override string ToString() => "secret"; }
                public static string Run() { using var s = TraceScope.Begin(); var secrets = new List<Secret> { new() }; var words = new List<string>(); return secrets.FirstOr(new Secret()) + words.FirstOr("none") + secrets.Describe(1) + words.Describe(secrets.FirstOr(new Secret())) + " | " + Graphs.Shape(s); }
            }
            """,
            """
            public static class Lists
            {
                [Traced] public static T FirstOr<T>(this List<T> xs, T fallback) => xs.Count > 0 ? xs[0] : fallback;
                [Traced] public static string Describe<T, R>(this List<T> xs, R extra) => typeof(T).Name + xs.Count + extra;
            }
            public static class P
            {
                private sealed class Secret { public override string ToString() => "secret"; }
                public static string Run() { using var s = TraceScope.Begin(); var secrets = new List<Secret> { new() }; var words = new List<string>(); return secrets.FirstOr(new Secret()) + words.FirstOr("none") + secrets.Describe(1) + words.Describe(secrets.FirstOr(new Secret())) + " | " + Graphs.Shape(s); }
            }
            """,
            "secretnoneSecret11String0secret | ");
        yield return C(
            "ValueTypedReceiverFromATracedCall",
            """
            public static class Numbers
            {
                [Traced] public static int Count(string text) => text.Length;
                extension(int v) { [Traced] public int Doubled() => v * 2; }
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var word = new string('w', 3); return Numbers.Count(word).Doubled() + " | " + Graphs.Shape(s); } }
            """,
            """
            public static class Numbers
            {
                [Traced] public static int Count(string text) => text.Length;
                [Traced] public static int Doubled(this int v) => v * 2;
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var word = new string('w', 3); return Numbers.Count(word).Doubled() + " | " + Graphs.Shape(s); } }
            """,
            "6 | ");
        yield return C(
            "PrivateMembersAndAsync",
            """
            public static class Tools
            {
                extension(string x)
                {
                    [Traced] private string Hidden() => "<" + x + ">";
                    [Traced] public async Task<string> LaterAsync() { await Task.Yield(); return x.Hidden() + "?"; }
                }
                public static async Task<string> RunAsync(string x) => await (await x.LaterAsync()).LaterAsync();
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return Tools.RunAsync(new string('q', 1)).GetAwaiter().GetResult() + " | " + Graphs.Shape(s); } }
            """,
            """
            public static class Tools
            {
                [Traced] private static string Hidden(this string x) => "<" + x + ">";
                [Traced] public static async Task<string> LaterAsync(this string x) { await Task.Yield(); return x.Hidden() + "?"; }
                public static async Task<string> RunAsync(string x) => await (await x.LaterAsync()).LaterAsync();
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return Tools.RunAsync(new string('q', 1)).GetAwaiter().GetResult() + " | " + Graphs.Shape(s); } }
            """,
            "<<q>?>? | ");
        yield return C(
            "TrainableReadThroughTheReceiver",
            """
            public sealed class Agent { [Trainable] public string Prompt = "Be brief."; }
            public static class AgentTools
            {
                extension(Agent agent) { [Traced] public string Ask(string question) => agent.Prompt + " " + question; }
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var agent = new Agent(); return agent.Ask(new string('?', 2)) + " | " + Graphs.Shape(s); } }
            """,
            """
            public sealed class Agent { [Trainable] public string Prompt = "Be brief."; }
            public static class AgentTools
            {
                [Traced] public static string Ask(this Agent agent, string question) => agent.Prompt + " " + question;
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var agent = new Agent(); return agent.Ask(new string('?', 2)) + " | " + Graphs.Shape(s); } }
            """,
            "Be brief. ?? | ");
        yield return C(
            "UntracedHelperReadingThroughTheReceiver",
            """
            public sealed class Agent { [Trainable] public string Prompt = "Be brief."; }
            public static class AgentText
            {
                extension(Agent agent) { public string Framed() => "[" + agent.Prompt + "]"; }
            }
            public sealed class Bot { private readonly Agent _agent = new(); [Traced] public string Ask(string q) => _agent.Framed() + q; }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return new Bot().Ask(new string('?', 1)) + " | " + Graphs.Shape(s); } }
            """,
            """
            public sealed class Agent { [Trainable] public string Prompt = "Be brief."; }
            public static class AgentText
            {
                public static string Framed(this Agent agent) => "[" + agent.Prompt + "]";
            }
            public sealed class Bot { private readonly Agent _agent = new(); [Traced] public string Ask(string q) => _agent.Framed() + q; }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); return new Bot().Ask(new string('?', 1)) + " | " + Graphs.Shape(s); } }
            """,
            "[Be brief.]? | ");
        yield return C(
            "NullableInterfaceConstrainedGenericParamsConditionalAndThis",
            """
            public static class Ext
            {
                extension(string? text)
                {
                    [Traced] public string Or(string fallback) => text ?? fallback;
                }
                extension(IEnumerable<string> words)
                {
                    [Traced] public string Joined(params string[] more) => string.Join("+", words.Concat(more));
                }
                extension<T>(T value) where T : struct, IComparable<T>
                {
                    [Traced] public T AtLeast(T floor) => value.CompareTo(floor) < 0 ? floor : value;
                }
                extension<T>(List<T> items)
                {
                    [Traced] public int Size() => items.Count;
                }
                extension(Bot bot)
                {
                    [Traced] public string Greet(string name) => bot.Prefix + name;
                }
            }
            public sealed class Bot
            {
                public string Prefix = "hi ";
                public string Run(string? maybe) => this.Greet(maybe?.Or("x") ?? "none") + "|" + maybe?.Or("y");
            }
            public static class P
            {
                private static int Count<T>(List<T> items) => items.Size();
                public static string Run()
                {
                    using var s = TraceScope.Begin();
                    var words = new List<string> { new string('a', 1), new string('b', 1) };
                    var text = words.Joined(new string('c', 1), "d") + 3.AtLeast(5) + 7.AtLeast(5) + Count(words) + Count(new List<int>()) + new Bot().Run(null) + new Bot().Run(new string('m', 1));
                    return text + " | " + Graphs.Shape(s);
                }
            }
            """,
            """
            public static class Ext
            {
                [Traced] public static string Or(this string? text, string fallback) => text ?? fallback;
                [Traced] public static string Joined(this IEnumerable<string> words, params string[] more) => string.Join("+", words.Concat(more));
                [Traced] public static T AtLeast<T>(this T value, T floor) where T : struct, IComparable<T> => value.CompareTo(floor) < 0 ? floor : value;
                [Traced] public static int Size<T>(this List<T> items) => items.Count;
                [Traced] public static string Greet(this Bot bot, string name) => bot.Prefix + name;
            }
            public sealed class Bot
            {
                public string Prefix = "hi ";
                public string Run(string? maybe) => this.Greet(maybe?.Or("x") ?? "none") + "|" + maybe?.Or("y");
            }
            public static class P
            {
                private static int Count<T>(List<T> items) => items.Size();
                public static string Run()
                {
                    using var s = TraceScope.Begin();
                    var words = new List<string> { new string('a', 1), new string('b', 1) };
                    var text = words.Joined(new string('c', 1), "d") + 3.AtLeast(5) + 7.AtLeast(5) + Count(words) + Count(new List<int>()) + new Bot().Run(null) + new Bot().Run(new string('m', 1));
                    return text + " | " + Graphs.Shape(s);
                }
            }
            """,
            "a+b+c+d5720hi none|hi m|m | ");
    }

    [TestCaseSource(nameof(Cases))]
    public void An_extension_block_member_is_recorded_as_the_classic_extension_method_is(string name, string blockSource, string classicSource, string expectedStart)
    {
        var withBlocks = GenericInterceptorTests.Run(name, blockSource, out var blockInterceptors);
        var classic = GenericInterceptorTests.Run(name + "Classic", classicSource, out _);

        Assert.That(withBlocks, Does.StartWith(expectedStart), withBlocks);
        Assert.That(withBlocks, Is.EqualTo(classic));
        Assert.That(withBlocks, Does.Match("(MessageNode|NodeWithNewInputs) "), "the calls are recorded");
        Assert.That(blockInterceptors, Does.Contain("InterceptsLocation"));
    }

    /// <summary>The value is handed over from the call that returned it, as it is when written as the first argument.</summary>
    [TestCase("extension(int v) { [Traced] public int Doubled() => v * 2; }")]
    [TestCase("[Traced] public static int Doubled(this int v) => v * 2;")]
    public void A_value_typed_receiver_from_a_traced_call_is_linked_to_it(string doubled)
    {
        var graph = GenericInterceptorTests.Run("Linked", $$"""
            public static class Numbers
            {
                [Traced] public static int Count(string text) => text.Length;
                {{doubled}}
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var word = new string('w', 3); return Numbers.Count(word).Doubled() + Numbers.Count(word).Doubled().Doubled() + " | " + Graphs.Shape(s); } }
            """, out _);

        Assert.That(graph, Does.StartWith("18 | "));
        Assert.That(graph, Does.Contain("doubled0(count0)").And.Contain("doubled1(count1)").And.Contain("doubled2(doubled1)"), graph);
    }

    [Test]
    public void A_trainable_member_read_through_the_receiver_is_a_dependency()
    {
        var graph = GenericInterceptorTests.Run("Reads", """
            public sealed class Agent { [Trainable] public string Prompt = "Be brief."; }
            public static class AgentTools
            {
                extension(Agent agent) { [Traced] public string Ask(string question) => agent.Prompt + " " + question; }
            }
            public static class P { public static string Run() { using var s = TraceScope.Begin(); var agent = new Agent(); return agent.Ask(new string('?', 2)) + " | " + Graphs.Shape(s); } }
            """, out _);

        Assert.That(graph, Does.Match(@"ask0\([^)]*Prompt"), graph);
    }

    /// <summary>Read from metadata, an extension block is a nested type whose members carry the attributes; calls of them are intercepted.</summary>
    [Test]
    public void Members_of_a_referenced_assemblys_extension_blocks_are_intercepted()
    {
        const string library = """
            using System.Collections.Generic; using Opto;
            namespace L;
            public static class Texts
            {
                extension(string text)
                {
                    [Traced] public string Shout() => text.ToUpperInvariant() + "!";
                    [Traced] public static string Make(int n) => new string('m', n);
                }
                extension<T>(List<T> items)
                {
                    [Traced] public T FirstOr(T fallback) => items.Count > 0 ? items[0] : fallback;
                }
            }
            """;
        var libraryImage = GeneratorHarness.Emit(GeneratorHarness.Run(GeneratorHarness.Compile("BlockLib", null, library)).Compilation);
        const string caller = """
            using System.Collections.Generic; using System.Linq; using Opto; using L;
            namespace N;
            public static class P
            {
                private sealed class Secret { public override string ToString() => "secret"; }
                public static string Run()
                {
                    using var s = TraceScope.Begin();
                    var text = string.Make(2).Shout() + new List<Secret>().FirstOr(new Secret()) + Texts.Shout(new string('q', 1));
                    return text + " " + string.Join(",", s.Graph.Nodes.OfType<MessageNode>().Select(n => n.Name + "(" + string.Join(",", n.Parents.Select(p => p.Name)) + ")"));
                }
            }
            """;
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("BlockCaller", [MetadataReference.CreateFromImage(libraryImage)], caller));

        generated.AssertClean();
        Assert.That(GeneratorHarness.Invoke([libraryImage, GeneratorHarness.Emit(generated.Compilation)], "N.P", "Run"),
            Is.EqualTo("MM!secretQ! make0(n0),shout0(make0),firstOr0(items0,fallback0),shout1(text0)"));
    }

    private static TestCaseData C(string name, string blockSource, string classicSource, string expectedStart) =>
        new TestCaseData(name, blockSource, classicSource, expectedStart).SetName("ExtensionBlock_" + name);
}
