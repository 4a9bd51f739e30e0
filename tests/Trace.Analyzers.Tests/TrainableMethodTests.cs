using Opto.Analyzers.CodeFixes;
using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.TrainableMethodAnalyzer>;

namespace Trace.Analyzers.Tests;

public class TrainableMethodTests
{
    [Test]
    public Task OPTO007_trainable_method_without_a_summary() => Verify.Analyze("""
        using Opto;

        public class Sorter
        {
            [Trainable] public int {|#0:Sort|}(int value) => value;

            /// <remarks>Only remarks.</remarks>
            [Trainable] public int {|#1:Rank|}(int value) => value;

            /// <summary></summary>
            [Trainable] public int {|#2:Empty|}(int value) => value;

            /// <summary>Counts.</summary>
            [Trainable] public int Count(int value) => value;

            public int Plain(int value) => value;
        }
        """,
        Verify.Diagnostic("OPTO007").WithLocation(0).WithArguments("Sorter.Sort"),
        Verify.Diagnostic("OPTO007").WithLocation(1).WithArguments("Sorter.Rank"),
        Verify.Diagnostic("OPTO007").WithLocation(2).WithArguments("Sorter.Empty"));

    [Test]
    public Task OPTO007_fix_adds_a_summary_skeleton_everywhere() => Verify.Fix<SummarySkeletonFix>("""
        using Opto;

        public class Sorter
        {
            [Trainable]
            public int {|OPTO007:Sort|}(int value) => value;

            [Trainable] public int {|OPTO007:Rank|}(int value) => value;
        }
        """, """
        using Opto;

        public class Sorter
        {
            /// <summary>
            /// What Sort must do, and what a good result looks like: the optimizer reads this.
            /// </summary>
            [Trainable]
            public int Sort(int value) => value;

            /// <summary>
            /// What Rank must do, and what a good result looks like: the optimizer reads this.
            /// </summary>
            [Trainable] public int Rank(int value) => value;
        }
        """);

    [Test]
    public Task OPTO008_base_calls_file_local_and_private_types() => Verify.Analyze("""
        using Opto;

        public class Base { public virtual int Score(int value) => value; }

        file class Helper { public static int Twice(int value) => value * 2; }

        public class Sorter : Base
        {
            private sealed class Box { public int Value; }

            /// <summary>Ranks.</summary>
            [Trainable]
            public int Rank(int value) => {|#0:base|}.Score(value) + {|#1:Helper|}.Twice(value) + new {|#2:Box|}().Value;
        }
        """,
        Verify.Diagnostic("OPTO008").WithLocation(0).WithArguments("Sorter.Rank", "a base call ('base.Score')"),
        Verify.Diagnostic("OPTO008").WithLocation(1).WithArguments("Sorter.Rank", "file-local type Helper"),
        Verify.Diagnostic("OPTO008").WithLocation(2).WithArguments("Sorter.Rank", "private type Box"));

    [Test]
    public Task OPTO008_not_reported_for_members_replacement_code_reaches() => Verify.Analyze("""
        using System.Collections.Generic;
        using System.Linq;
        using Opto;

        public class Sorter
        {
            private int _calls;
            internal int Limit { get; set; } = 3;
            private int Helper(int value) => value + _calls;

            /// <summary>Sorts.</summary>
            [Trainable]
            public List<int> Sort(List<int> values) => [.. values.Order().Take(Limit).Select(Helper)];
        }
        """);

    [Test]
    public Task OPTO009_methods_whose_code_cannot_be_a_parameter() => Verify.Analyze("""
        using Opto;

        public class Sorter
        {
            /// <summary>Same.</summary>
            [Trainable] public T {|#0:Same|}<T>(T value) => value;

            /// <summary>Describes.</summary>
            [Trainable] public virtual string {|#1:Describe|}() => "sorter";

            /// <summary>Bumps: untraced altogether, which OPTO002 reports, so not OPTO009.</summary>
            [Trainable] public void Bump(ref int value) => value++;

            /// <summary>Sums.</summary>
            [Trainable] public int {|#3:Sum|}(params int[] values) => values.Length;
        }

        public class Box<T>
        {
            /// <summary>Holds.</summary>
            [Trainable] public int {|#4:Hold|}(int value) => value;
        }
        """,
        Verify.Diagnostic("OPTO009").WithLocation(0).WithArguments("Sorter.Same", "it is generic"),
        Verify.Diagnostic("OPTO009").WithLocation(1).WithArguments("Sorter.Describe", "it is virtual or an override (a replacement would bypass virtual dispatch)"),
        Verify.Diagnostic("OPTO009").WithLocation(3).WithArguments("Sorter.Sum", "parameter 'values' is params"),
        Verify.Diagnostic("OPTO009").WithLocation(4).WithArguments("Box.Hold", "it is declared in generic type Box<...>"));

    [Test]
    public Task OPTO018_trainable_methods_in_a_project_without_the_code_package() => Verify.AnalyzeWithoutCodePackage("""
        using Opto;

        public class Sorter
        {
            /// <summary>Sorts.</summary>
            [Trainable] public int[] {|#0:Sort|}(int[] values) => values;

            /// <summary>Counts.</summary>
            [Trainable] public static int {|#1:Count|}(int[] values) => values.Length;

            /// <summary>Same: its code could not be a parameter anyway, which OPTO009 says instead.</summary>
            [Trainable] public T {|#2:Same|}<T>(T value) => value;

            /// <summary>A trainable value needs no code package.</summary>
            [Trainable] public string Prompt { get; set; } = "Sort.";

            /// <summary>Traced only.</summary>
            [Traced] public int Twice(int value) => 2 * value;
        }
        """,
        Verify.Diagnostic("OPTO018").WithLocation(0).WithArguments("Sorter.Sort"),
        Verify.Diagnostic("OPTO018").WithLocation(1).WithArguments("Sorter.Count"),
        Verify.Diagnostic("OPTO009").WithLocation(2).WithArguments("Sorter.Same", "it is generic"));

    [Test]
    public Task OPTO018_not_reported_with_the_code_package() => Verify.Analyze("""
        using Opto;

        public class Sorter
        {
            /// <summary>Sorts.</summary>
            [Trainable] public int[] Sort(int[] values) => values;
        }
        """);

    [Test]
    public Task OPTO007_fix_fills_an_empty_summary_instead_of_adding_a_second_one() => Verify.Fix<SummarySkeletonFix>("""
        using Opto;

        public class Sorter
        {
            /// <summary></summary>
            /// <param name="value">The value.</param>
            [Trainable] public int {|OPTO007:Sort|}(int value) => value;
        }
        """, """
        using Opto;

        public class Sorter
        {
            /// <summary>What Sort must do, and what a good result looks like: the optimizer reads this.</summary>
            /// <param name="value">The value.</param>
            [Trainable] public int Sort(int value) => value;
        }
        """);

    [Test]
    public Task OPTO009_partial_methods_and_OPTO007_through_an_alias() => Verify.Analyze("""
        using Tr = Opto.TrainableAttribute;

        public partial class Sorter
        {
            /// <summary>Ranks.</summary>
            [Tr] public partial int Rank(int value);

            [Tr] public int {|#1:Plain|}(int value) => value;
        }

        public partial class Sorter
        {
            public partial int {|#0:Rank|}(int value) => value;
        }
        """,
        Verify.Diagnostic("OPTO009").WithLocation(0).WithArguments("Sorter.Rank", "it is a partial method"),
        Verify.Diagnostic("OPTO007").WithLocation(1).WithArguments("Sorter.Plain"));
}
