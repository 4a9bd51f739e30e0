namespace Trace.Generators.Tests;

/// <summary>
/// LINQ over objects of the program's between a producer and its read: the methods that only take, order by a plain key or
/// hand back elements run none of the objects' code, so the flow stays claimed; those that compare or hash the elements
/// (<c>Contains</c>, <c>Distinct</c>, <c>Max</c>, ordering by the object itself), that are given a comparer or a method group of
/// the program's, that enumerate a sequence class of the program's (a class deriving from <c>List&lt;T&gt;</c> included), or that
/// order text by the current culture may run code that calls the method again, and leave it unclaimed. Each of those re-enters the method once between the producer and the read.
/// </summary>
public class LinqOverObjectsTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        namespace Objects;

        public sealed class Item(int score) : IComparable<Item>
        {
            public int Score { get; } = score;
            public int CompareTo(Item? other) { Agent.Reenter(); return Score.CompareTo(other?.Score ?? 0); }
            public override bool Equals(object? other) { Agent.Reenter(); return other is Item item && item.Score == Score; }
            public override int GetHashCode() { Agent.Reenter(); return Score; }
        }

        public sealed class ItemComparer : IComparer<int>
        {
            public int Compare(int x, int y) { Agent.Reenter(); return x.CompareTo(y); }
        }

        public sealed class Items : IEnumerable<Item>
        {
            public IEnumerator<Item> GetEnumerator() { Agent.Reenter(); yield return new Item(1); }
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        // A list class of the program's that LINQ reaches through the interface it implements again.
        public sealed class Recounted : List<Item>, ICollection<Item>
        {
            int ICollection<Item>.Count { get { Agent.Reenter(); return Count; } }
        }

        // A culture of the program's, which orders text by the current culture's rules.
        public sealed class ReenteringCulture() : System.Globalization.CultureInfo("")
        {
            public override System.Globalization.CompareInfo CompareInfo { get { Agent.Reenter(); return base.CompareInfo; } }
        }

        public class Agent
        {
            private readonly List<Item> _held = new Recounted { new Item(1), new Item(2) };
            public static Func<int>? Again;
            public static int Reentries;
            [Traced] public int Make(int i) => i * 10;
            [Traced] public int Twice(int x) => x * 2;

            public static void Reenter()
            {
                if (Again is { } again && Reentries-- > 0) again();
            }

            private static Item[] Two() => [new Item(1), new Item(2)];

            public int Contained(int i) { var v = Make(i); var found = Two().Contains(new Item(2)) ? 1 : 0; return Twice(v + found - 1); }
            public int Distinct(int i) { var v = Make(i); var n = Two().Distinct().Count(); return Twice(v + n - 2); }
            public int Largest(int i) { var v = Make(i); var top = Two().Max()!; return Twice(v + top.Score - 2); }
            public int OrderedByItself(int i) { var v = Make(i); var first = Two().OrderBy(x => x).First(); return Twice(v + first.Score - 1); }
            public int Compared(int i) { var v = Make(i); var first = Two().OrderBy(x => x.Score, new ItemComparer()).First(); return Twice(v + first.Score - 1); }
            public int OwnSequence(int i) { var v = Make(i); var first = new Items().First(); return Twice(v + first.Score - 1); }
            public int MethodGroup(int i) { var v = Make(i); var n = Two().Count(Checked); return Twice(v + n - 2); }
            private static bool Checked(Item item) { Reenter(); return true; }
            public int Derived(int i) { var v = Make(i); var n = _held.Count(); return Twice(v + n - 2); }
            public int ByText(int i) { var v = Make(i); var first = Two().OrderBy(x => x.Score.ToString()).First(); return Twice(v + first.Score - 1); }

            // Taken, ordered by a plain key, handed back: nothing of the items runs.
            public int Moved(int i)
            {
                var v = Make(i);
                var items = new[] { new Item(1), new Item(2) };
                var list = items.Where(x => x.Score > 0).ToList();
                var best = list.MaxBy(x => x.Score)!;
                var last = items.OrderByDescending(x => x.Score).Last();
                var n = items.Count() + list.Select(x => x.Score).ToArray().Length;
                return Twice(v + best.Score + last.Score + n - 7);
            }
        }

        public static class Run
        {
            public static string Steps()
            {
                string Once()
                {
                    var agent = new Agent();
                    int Each(Func<int> step, Func<int> again) { Agent.Again = again; Agent.Reentries = 1; return step(); }
                    return string.Join(",", Each(() => agent.Contained(2), () => agent.Contained(1)), Each(() => agent.Distinct(2), () => agent.Distinct(1)),
                        Each(() => agent.Largest(2), () => agent.Largest(1)), Each(() => agent.OrderedByItself(2), () => agent.OrderedByItself(1)),
                        Each(() => agent.Compared(2), () => agent.Compared(1)), Each(() => agent.OwnSequence(2), () => agent.OwnSequence(1)),
                        Each(() => agent.MethodGroup(2), () => agent.MethodGroup(1)), Each(() => agent.Derived(2), () => agent.Derived(1)), ByText(),
                        Each(() => agent.Moved(2), () => agent.Moved(1)));

                    int ByText()
                    {
                        var culture = System.Globalization.CultureInfo.CurrentCulture;
                        System.Globalization.CultureInfo.CurrentCulture = new ReenteringCulture();
                        try
                        {
                            return Each(() => agent.ByText(2), () => agent.ByText(1));
                        }
                        finally
                        {
                            System.Globalization.CultureInfo.CurrentCulture = culture;
                        }
                    }
                }

                var untraced = Once();
                using var scope = TraceScope.Begin();
                var traced = Once();
                var parents = scope.Graph.Nodes.OfType<MessageNode>().Where(n => n.Name.StartsWith("twice"))
                    .Select(n => n.Inputs.Single().Value)
                    .Select(input => input is GlueNode glue ? string.Join("+", glue.Parents.Select(p => $"{p.Name}({p.Value})").DefaultIfEmpty("-")) : $"{input.Name}({input.Value})");
                return untraced == traced ? string.Join(" ", parents) : "differs: " + untraced + " / " + traced;
            }
        }
        """;

    [Test]
    public void Linq_that_runs_nothing_of_the_objects_keeps_a_flow_claimed_and_linq_that_may_leaves_it_unclaimed()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Objects", null, Source));
        generated.AssertClean();

        var output = (string)GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Objects.Run", "Steps")!;

        // Each re-entering case: the inner activation's Twice, then the outer one's, each given an input (not claimed); a
        // claimed flow would link the outer Twice to the inner Make(1) or cut it. Moved: linked to its own Make.
        Assert.That(output.Split(' '), Is.EqualTo(new[]
        {
            "x0(10)", "x1(20)", // Contains
            "x2(10)", "x3(20)", // Distinct
            "x4(10)", "x5(20)", // Max
            "x6(10)", "x7(20)", // OrderBy(x => x)
            "x8(10)", "x9(20)", // a comparer
            "x10(10)", "x11(20)", // a sequence class of the program's
            "x12(10)", "x13(20)", // a method group
            "x14(10)", "x15(20)", // a list class of the program's typed List<T>
            "x16(10)", "x17(20)", // text keys, ordered by a culture of the program's
            "make18(20)", // Moved
        }));
    }
}
