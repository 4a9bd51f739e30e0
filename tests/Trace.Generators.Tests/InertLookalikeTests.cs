namespace Trace.Generators.Tests;

/// <summary>
/// Code that looks like it runs only the framework's but runs the user's: a <c>using</c> that disposes an object of the
/// user's typed by an interface or a base class of the framework's, a static method whose type's static constructor runs
/// first, an object of the user's typed as one of the framework's collection interfaces, or found as one by a cast or a
/// pattern. Each re-enters the method between
/// the producer and the read, so a flow claimed over it would be cut (or linked to the inner activation's call) with no word;
/// each must leave the flow unclaimed. Beside them, the framework's own objects in the same places keep the flow claimed.
/// </summary>
public class InertLookalikeTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using Opto;

        namespace Lookalike;

        public class Agent
        {
            public static Agent? Current;
            public static int Reentries;
            public static Func<Agent, int>? AddAgain;
            [Traced] public int Make(int i) => i * 10;
            [Traced] public int Twice(int x) => x * 2;

            public int Disposing(int i)
            {
                var v = Make(i);
                { using IDisposable d = new Reentering(); }
                return Twice(v);
            }

            public int DisposingGiven(int i, IDisposable given)
            {
                var v = Make(i);
                using (given) { }
                return Twice(v);
            }

            public int DisposingDerived(int i)
            {
                var v = Make(i);
                using (TextWriter w = new ReenteringWriter()) { }
                return Twice(v);
            }

            public int Initialized<T>(int i)
            {
                var v = Make(i);
                Once<T>.Touch();
                return Twice(v);
            }

            public int InitializedField<T>(int i)
            {
                var v = Make(i);
                var f = Field<T>.Value;
                return Twice(v + f);
            }

            public int Collected(int i)
            {
                var v = Make(i);
                ICollection<string> items = new ReenteringItems();
                items.Add("x");
                return Twice(v);
            }

            public int CollectedFromHelper(int i)
            {
                var v = Make(i);
                var items = Items();
                items.Add("x");
                return Twice(v);
            }

            public int Enumerated(int i)
            {
                var v = Make(i);
                IEnumerable<string> items = new ReenteringItems();
                foreach (var item in items) { }
                return Twice(v);
            }

            public int Narrowed(int i, object held)
            {
                var v = Make(i);
                if (held is ICollection<string> items) items.Add("x");
                return Twice(v);
            }

            public int Cast(int i, object held)
            {
                var v = Make(i);
                (held as ICollection<string>)?.Add("x");
                return Twice(v);
            }

            // The framework's own objects in the same places: claimed.
            public int Framework(int i)
            {
                var v = Make(i);
                using (var cancel = new CancellationTokenSource()) { }
                using (var writer = new StringWriter()) { }
                ICollection<string> items = new List<string>();
                items.Add("x");
                IEnumerable<char> letters = "ab";
                foreach (var letter in letters) { }
                var f = Quiet.Value + Quiet.Count();
                return Twice(v + f - 2);
            }

            private static ICollection<string> Items() => new ReenteringItems();

            public static void Reenter(Func<Agent, int> again)
            {
                if (Current is { } agent && Reentries-- > 0) again(agent);
            }
        }

        public sealed class Reentering : IDisposable
        {
            public void Dispose() => Agent.Reenter(a => a.Disposing(1));
        }

        public sealed class ReenteringGiven : IDisposable
        {
            public void Dispose() => Agent.Reenter(a => a.DisposingGiven(1, this));
        }

        public sealed class ReenteringWriter : StringWriter
        {
            protected override void Dispose(bool disposing) { Agent.Reenter(a => a.DisposingDerived(1)); base.Dispose(disposing); }
        }

        public static class Once<T>
        {
            static Once() => Agent.Reenter(a => a.Initialized<T>(1));
            public static void Touch() { }
        }

        public static class Field<T>
        {
            public static readonly int Value = Init();
            private static int Init() { Agent.Reenter(a => a.InitializedField<T>(1)); return 0; }
        }

        public static class Quiet
        {
            public static readonly int Value = "ab".Length;
            static Quiet() { }
            public static int Count() => 0;
        }

        public sealed class ReenteringItems : ICollection<string>
        {
            private readonly List<string> _items = new();
            public int Count => _items.Count;
            public bool IsReadOnly => false;
            public void Add(string item) { Agent.Reenter(a => Agent.AddAgain!(a)); _items.Add(item); }
            public void Clear() => _items.Clear();
            public bool Contains(string item) => _items.Contains(item);
            public void CopyTo(string[] array, int index) => _items.CopyTo(array, index);
            public bool Remove(string item) => _items.Remove(item);
            public IEnumerator<string> GetEnumerator() { Agent.Reenter(a => a.Enumerated(1)); return _items.GetEnumerator(); }
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        public static class Run
        {
            public static string Steps()
            {
                string Once<T1, T2>()
                {
                    var agent = new Agent();
                    Agent.Current = agent;
                    int Each(Func<int> step) { Agent.Reentries = 1; return step(); }
                    Agent.AddAgain = a => a.Collected(1);
                    var collected = Each(() => agent.Collected(2));
                    Agent.AddAgain = a => a.CollectedFromHelper(1);
                    return string.Join(",", Each(() => agent.Disposing(2)), Each(() => agent.DisposingGiven(2, new ReenteringGiven())),
                        Each(() => agent.DisposingDerived(2)), Each(() => agent.Initialized<T1>(2)), Each(() => agent.InitializedField<T2>(2)),
                        collected, Each(() => agent.CollectedFromHelper(2)), Each(() => agent.Enumerated(2)), Narrowed(), Cast(), Each(() => agent.Framework(2)));

                    int Narrowed()
                    {
                        Agent.AddAgain = a => a.Narrowed(1, new ReenteringItems());
                        return Each(() => agent.Narrowed(2, new ReenteringItems()));
                    }

                    int Cast()
                    {
                        Agent.AddAgain = a => a.Cast(1, new ReenteringItems());
                        return Each(() => agent.Cast(2, new ReenteringItems()));
                    }
                }

                var untraced = Once<int, int>();
                using var scope = TraceScope.Begin();
                var traced = Once<long, long>();
                var parents = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("twice"))
                    .Select(n => n.Inputs.Single().Value)
                    .Select(input => input is GlueNode glue ? string.Join("+", glue.Parents.Select(p => $"{p.Name}({p.Value})").DefaultIfEmpty("-")) : $"{input.Name}({input.Value})");
                return untraced == traced ? string.Join(" ", parents) : "differs: " + untraced + " / " + traced;
            }
        }
        """;

    [Test]
    public void Code_of_the_user_s_that_looks_like_the_framework_s_leaves_a_flow_unclaimed()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Lookalike", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Lookalike.Run", "Steps")!;

        // Each re-entering case: the inner activation's Twice, then the outer one's, each given an input (not claimed); a
        // claimed flow would link the outer Twice to the inner Make(1) or cut it. The framework's objects: linked.
        Assert.That(output.Split(' '), Is.EqualTo(new[]
        {
            "x0(10)", "x1(20)", // Collected
            "x2(10)", "x3(20)", // Disposing
            "x4(10)", "x5(20)", // DisposingGiven
            "x6(10)", "x7(20)", // DisposingDerived
            "x8(10)", "x9(20)", // Initialized
            "x10(10)", "x11(20)", // InitializedField
            "x12(10)", "x13(20)", // CollectedFromHelper
            "x14(10)", "x15(20)", // Enumerated
            "x16(10)", "x17(20)", // Narrowed
            "x18(10)", "x19(20)", // Cast
            "make20(20)", // Framework
        }));
    }
}
