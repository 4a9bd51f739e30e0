namespace Trace.Generators.Tests;

/// <summary>User code the generator tests compile: every call shape the generator intercepts.</summary>
internal static class Sources
{
    public const string Shapes = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        namespace Shop;

        public class SalesAgent
        {
            [Trainable("The system prompt.", Constraint = "Short.")]
            public string SystemPrompt { get; set; } = "Be kind.";

            [Trainable]
            private int _budget = 3;

            [Trainable("Shared by all agents.")]
            public static string Signature { get; set; } = "-- Shop";

            /// <summary>Replies to a <paramref name="customer"/> with the <see cref="SystemPrompt"/>.</summary>
            [Traced]
            public string Reply(string customer) => SystemPrompt + " " + customer;

            /// <summary>Replies later.</summary>
            [Traced]
            public async Task<string> ReplyAsync(string customer)
            {
                await Task.Yield();
                return Reply(customer) + Signature;
            }

            /// <summary>Replies maybe synchronously.</summary>
            [Traced]
            public ValueTask<string> ReplyValueAsync(string customer) => new(customer + _budget);

            /// <summary>Waits.</summary>
            [Traced]
            public Task WaitAsync(int milliseconds) => Task.Delay(milliseconds);

            /// <summary>Notes a line.</summary>
            [Traced]
            public void Note(string line) => Notes.Add(line);

            public List<string> Notes { get; } = new();

            /// <summary>Kept private.</summary>
            [Traced]
            private string Hidden(string text) => text.ToUpperInvariant();

            /// <summary>A virtual operation.</summary>
            [Traced]
            public virtual string Describe(string text) => "agent " + text;

            public string CallHidden(string text) => Hidden(text);
        }

        public sealed class FriendlyAgent : SalesAgent
        {
            public override string Describe(string text) => base.Describe(text) + " :)";
        }

        public static class Text
        {
            /// <summary>Makes it loud.</summary>
            [Traced]
            public static string Shout(this string text) => text + "!";

            /// <summary>Returns its input.</summary>
            [Traced]
            public static T Same<T>(T value) => value;
        }

        public struct Tally
        {
            public int Total;

            /// <summary>Adds.</summary>
            [Traced]
            public int Add(int amount) => Total += amount;
        }

        public static class Program
        {
            public static async Task<string> Run()
            {
                var agent = new SalesAgent();
                var friendly = new FriendlyAgent();
                var tally = new Tally();
                using var scope = TraceScope.Begin();
                var customer = new string('A', 3);
                var reply = agent.Reply(customer);
                var replyDescription = ((MessageNode)scope.Graph.NodeOf(reply)!).Description;
                var later = await agent.ReplyAsync(reply);
                var maybe = await agent.ReplyValueAsync(later);
                await agent.WaitAsync(1);
                agent.Note(maybe.Shout());
                var hidden = agent.CallHidden(Text.Same(reply));
                tally.Add(2);
                var number = Text.Same(Text.Same(42));
                var described = friendly.Describe("x");
                var inLambda = new[] { reply }.Select(r => r.Shout()).Single();
                var lines = scope.Graph.Nodes.Select(n => n.Name + "<" + string.Join(",", n.Parents.Select(p => p.Name)) + ">");
                return string.Join(" ", lines) + " | " + tally.Total + " " + number + " " + described + " " + hidden + " | " + replyDescription;
            }
        }
        """;

    public const string Unsupported = """
        using System;
        using Opto;

        namespace Odd;

        public class Holder
        {
            private class Secret { }

            /// <summary>Takes a span.</summary>
            [Traced]
            public static int Length(ReadOnlySpan<char> text) => text.Length;

            /// <summary>Takes a ref.</summary>
            [Traced]
            public static void Bump(ref int value) => value++;

            /// <summary>Uses a private type.</summary>
            [Traced]
            private static Secret Make() => new();

            /// <summary>Generic.</summary>
            [Traced]
            public static T Same<T>(T value) => value;

            [Trainable]
            public readonly string Fixed = "fixed";

            [Trainable]
            public string GetOnly { get; } = "get only";

            [Trainable]
            public string InitOnly { get; init; } = "init only";

            public static string Run<T>(T generic)
            {
                var value = 1;
                Bump(ref value);
                var length = Length("abc".AsSpan());
                Make();
                var same = Same(generic);
                return $"{value} {length} {same}";
            }
        }

        public readonly struct Frozen
        {
            /// <summary>On a readonly struct.</summary>
            [Traced]
            public int Get(int x) => x;

            public int Call() => Get(1);
        }

        public class Derived : Holder
        {
            public static string Go() => Run("generic") + " " + new Frozen().Call();
        }
        """;
}
