using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.CallSiteAnalyzer>;

namespace Trace.Analyzers.Tests;

public class ImplicitCallTests
{
    [Test]
    public Task OPTO013_calls_the_compiler_makes_implicitly() => Verify.Analyze("""
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;
        using Opto;

        public class Pages
        {
            [Traced] public IEnumerator<string> GetEnumerator() { yield return "a"; }
        }

        public class Later
        {
            [Traced] public TaskAwaiter<string> GetAwaiter() => Task.FromResult("x").GetAwaiter();
        }

        public class Pair
        {
            [Traced] public void Deconstruct(out string left, out string right) { left = "l"; right = "r"; }
        }

        public class Bag : IEnumerable<string>
        {
            private readonly List<string> _items = new();
            [Traced] public void Add(string item) => _items.Add(item);
            public IEnumerator<string> GetEnumerator() => _items.GetEnumerator();
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }

        public class Text
        {
            public int Length => 3;
            [Traced] public Text Slice(int start, int length) => this;
        }

        public class Source
        {
            [Traced] public Source Where(Func<int, bool> keep) => this;
            [Traced] public Source Select(Func<int, int> map) => this;
        }

        public static class Use
        {
            public static async Task<string> Run(Pages pages, Later later, Pair pair, Text text, Source source)
            {
                foreach (var page in {|#0:pages|}) { }
                var awaited = {|#1:await later|};
                var (left, right) = {|#2:pair|};
                var bag = new Bag { {|#3:"x"|} };
                var table = new Bag { {|#7:"a"|}, "b", "c" };
                var part = {|#4:text[1..]|};
                var query = from n in source {|#5:where n > 0|} {|#6:select n + 1|};
                return awaited + left + right + part;
            }
        }
        """,
        Verify.Diagnostic("OPTO013").WithLocation(0).WithArguments("Pages.GetEnumerator", "`foreach` calls it implicitly; call it explicitly and loop over the enumerator it returns (`using var e = pages.GetEnumerator(); while (e.MoveNext()) { var page = e.Current; … }`)"),
        Verify.Diagnostic("OPTO013").WithLocation(1).WithArguments("Later.GetAwaiter", "`await` calls it implicitly, so there is no call to intercept, and the awaiter it returns cannot be awaited itself; trace the method that makes what is awaited instead"),
        Verify.Diagnostic("OPTO013").WithLocation(2).WithArguments("Pair.Deconstruct", "a deconstruction calls it implicitly; call it explicitly with out variables"),
        Verify.Diagnostic("OPTO013").WithLocation(3).WithArguments("Bag.Add", "the compiler calls it for a collection initializer, so there is no call to intercept; call Add explicitly"),
        Verify.Diagnostic("OPTO013").WithLocation(4).WithArguments("Text.Slice", "a range expression calls it implicitly; call it explicitly with a start and a length"),
        Verify.Diagnostic("OPTO013").WithLocation(5).WithArguments("Source.Where", "the compiler calls it for a query clause, so there is no call to intercept; write the method call instead of query syntax"),
        Verify.Diagnostic("OPTO013").WithLocation(6).WithArguments("Source.Select", "the compiler calls it for a query clause, so there is no call to intercept; write the method call instead of query syntax"),
        Verify.Diagnostic("OPTO013").WithLocation(7).WithArguments("Bag.Add", "the compiler calls it for a collection initializer, so there is no call to intercept; call Add explicitly (reported once for the 3 entries of this initializer)"));

    [Test]
    public Task OPTO013_not_reported_when_the_implicit_call_is_not_traced() => Verify.Analyze("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        public class Agent
        {
            [Traced] public Task<string> ReplyAsync(string text) => Task.FromResult(text);
            [Traced] public List<string> Split(string text) => new() { text };

            public async Task<int> Run()
            {
                var reply = await ReplyAsync("x");
                foreach (var part in Split(reply)) { }
                var (a, b) = (reply, reply);
                var list = new List<string> { reply };
                return (from p in list where p.Length > 0 select p).Count() + reply[1..].Length;
            }
        }
        """);

    /// <summary>A ref struct's enumerator is never traced, written out or not: OPTO002 at its declarations says so, not OPTO013 at each loop.</summary>
    [Test]
    public Task OPTO013_not_reported_for_a_foreach_over_a_ref_struct_whose_enumerator_is_traced() => Verify.Analyze("""
        using System;
        using Opto;

        public ref struct Tokens
        {
            private readonly string _words;
            public Tokens(string words) => _words = words;
            [Traced] public Enumerator GetEnumerator() => new(_words);
        }

        public ref struct Enumerator
        {
            private readonly string _words;
            private int _at;
            public Enumerator(string words) { _words = words; _at = -1; }
            public char Current => _words[_at];
            [Traced] public bool MoveNext() => ++_at < _words.Length;
        }

        public static class Use
        {
            public static int Run() { var n = 0; foreach (var c in new Tokens("ab")) n += c; return n; }
        }
        """);

    [Test]
    public Task OPTO014_calls_inside_expression_trees() => Verify.Analyze("""
        using System;
        using System.Linq;
        using System.Linq.Expressions;
        using Opto;

        public static class Calc
        {
            [Traced] public static int Twice(int value) => value * 2;

            public static object Run(IQueryable<int> numbers)
            {
                Expression<Func<int, int>> tree = v => {|#0:Twice(v)|};
                Func<int, int> compiled = v => Twice(v);
                var query = from n in numbers where {|#1:Twice(n)|} > 2 select n;
                var nested = numbers.Select(n => new[] { n }.Select(m => {|#2:Twice(m)|}).First());
                return (tree, compiled, query, nested);
            }
        }
        """,
        Verify.Diagnostic("OPTO014").WithLocation(0).WithArguments("Calc.Twice"),
        Verify.Diagnostic("OPTO014").WithLocation(1).WithArguments("Calc.Twice"),
        Verify.Diagnostic("OPTO014").WithLocation(2).WithArguments("Calc.Twice"));
}
