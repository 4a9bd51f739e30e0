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
                var prompt = new System.Text.StringBuilder("Reply: ").Append(reply).AppendLine(later).Insert(0, (object)maybe);
                _ = prompt.Append("constant").Append(number).ToString();
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

    public const string Composed = """
        using System.Collections.Generic;
        using Opto;

        namespace Crew;

        public interface IReviewer
        {
            string Review(string text);
        }

        public abstract class Part
        {
        }

        public class Planner : Part
        {
            [Trainable("How to plan.")]
            public string Prompt { get; set; } = "Plan.";
        }

        public class Tool
        {
            [Trainable]
            public string Description { get; set; } = "";
        }

        public class Reviewer : IReviewer
        {
            [Trainable]
            public string Rules { get; set; } = "";

            public string Review(string text) => Rules + text;
        }

        public class Agent(Planner fallback, Tool first)
        {
            public Planner Planner { get; set; } = new();
            public Part? Extra { get; set; }
            public IReviewer Reviewer { get; } = new Reviewer();
            public List<Tool> Tools { get; } = new();
            public Tool[] Spares = [];
            public IReadOnlyList<Tool?> Pinned { get; set; } = [];
            public Dictionary<string, Planner> ByTopic { get; } = new();
            public IReadOnlyDictionary<int, Tool> ByNumber { get; set; } = new Dictionary<int, Tool>();
            private Planner _secret = new();
            private readonly Tool _kept = new();
            private Planner Hidden { get; set; } = new();
            protected Tool? Inherited;
            internal Planner? Internal = null;
            public string FirstTool { get; } = first.Description;

            public static Planner Shared = new();
            public Planner Computed => _secret;
            [Trainable] public string Name { get; set; } = "";
            public HashSet<Tool> Set { get; } = new();
            public List<string> Notes { get; } = new();
            public object Anything = new();
            public List<List<Tool>> Nested { get; } = new();

            public Planner Fallback() => fallback;
        }

        public class Company
        {
            public Agent Lead { get; set; } = new(new(), new());
        }

        public class Division : Company
        {
        }

        public class Board
        {
            public Division? Division { get; set; }
            public List<string> Minutes { get; } = new();
        }

        public class Unrelated
        {
            public List<string> Lines { get; } = new();
            public IReviewer? NotAReviewerHolder => null;
        }
        """;

    public const string PrivateHolders = """
        using System.Linq;
        using Opto;

        namespace Secrets;

        public class Planner
        {
            [Trainable]
            public string Prompt { get; set; } = "p";
        }

        public class Base
        {
            protected Planner? Inherited = new() { Prompt = "inherited" };
        }

        public class Agent(Planner captured, Planner initializerOnly) : Base
        {
            private Planner _field = new() { Prompt = "field" };
            private readonly Planner _readonly = new() { Prompt = "readonly" };
            private Planner Property { get; set; } = new() { Prompt = "property" };
            private Planner? _empty;
            public void Forget() => _empty = null;
            public bool IsEmpty => _empty is null;
            public Planner Copy { get; } = initializerOnly;
            public Planner Lazy => field ??= new() { Prompt = "lazy" };
            public Planner Computed => _field;

            public string Use() => captured.Prompt + nameof(initializerOnly);
        }

        public static class Program
        {
            public static string Run()
            {
                var agent = new Agent(new Planner { Prompt = "captured" }, new Planner { Prompt = "copy" });
                var parameters = agent.TrainableParameters();
                parameters.Single(p => p.Name == "Agent._readonly.Prompt").SetValue("written");
                return string.Join(" ", agent.TrainableParameters().Select(p => p.Name + "=" + p.Value));
            }
        }
        """;
}
