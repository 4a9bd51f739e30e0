using System.Text;
using Opto;
using Opto.Code;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Code;

public class CheckBoundsTests
{
    private static CodeParameter CodeOf(string method) =>
        new Sorter().TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Sorter." + method);

    private static CodeParameter Label => CodeOf("Label");

    [TearDown]
    public void ResetCode()
    {
        foreach (var code in new Sorter().TrainableParameters().OfType<CodeParameter>())
        {
            code.TimeBudget = TimeSpan.FromSeconds(10);
            code.CompileTimeLimit = TimeSpan.FromSeconds(10);
            code.Reset();
        }
    }

    private static string Rejection(CodeParameter code, string suggestion)
    {
        var error = Assert.Throws<CodeRejectedException>(() => code.SetValue(suggestion));
        Assert.That(code.IsReplaced, Is.False);
        return error!.Message;
    }

    [Test]
    public void Compiling_stops_when_the_caller_cancels_and_that_is_not_a_rejection()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => Label.CompileAndCheck(Replacements.Label("return text + \"!\";"), cancellation.Token));
        Assert.That(Label.CompileAndCheck(Replacements.Label("return text + \"!\";")), Is.Null, "the same code compiles when nobody cancels");
        Assert.That(Label.IsReplaced, Is.False);
    }

    [Test]
    public void Fifty_thousand_nested_parentheses_are_rejected_before_parsing()
    {
        var code = "public string Label(string text) => " + new string('(', 50_000) + "text" + new string(')', 50_000) + ";";

        var message = Rejection(Label, code);

        Assert.That(message, Does.StartWith("The replacement for Sorter.Label was rejected: it is 100,041 characters long; the limit is 65,536 characters (CodeLimits.MaxLength)."));
        Assert.That(new Sorter().Label("x"), Is.EqualTo("x"));
    }

    [Test]
    public void Deeply_nested_parentheses_within_the_length_limit_are_rejected_naming_the_depth()
    {
        var code = "public string Label(string text) => " + new string('(', 30_000) + "text" + new string(')', 30_000) + ";";

        var message = Rejection(Label, code);

        Assert.That(message, Does.StartWith("The replacement for Sorter.Label was rejected: its brackets nest 30,000 levels deep (line 1); the limit is 64 levels (CodeLimits.MaxNestingDepth)."));
    }

    [Test]
    public void Closing_brackets_in_string_text_do_not_hide_nesting()
    {
        var levels = 4_000;
        var code = new StringBuilder("public string Label(string text) => ");
        for (var i = 0; i < levels; i++) code.Append(i % 2 == 0 ? "($\"){text}]\" + " : "(@\")}\" + ");
        code.Append("text").Append(')', levels).Append(';');

        var message = Rejection(Label, code.ToString());

        Assert.That(message, Does.Contain("its brackets nest 4,000 levels deep (line 1); the limit is 64 levels"));
    }

    [Test]
    public void Nesting_the_scan_cannot_see_still_cannot_overflow_the_stack_or_hold_the_caller()
    {
        // The scan reads the text of interpolated raw strings as code: the `)` in each $""")""" hides one level.
        var levels = 4_000;
        var code = new StringBuilder("public string Label(string text) => ");
        for (var i = 0; i < levels; i++) code.Append("($\"\"\")\"\"\" + ");
        code.Append("text").Append(')', levels).Append(';');
        Label.CompileTimeLimit = TimeSpan.FromSeconds(1);

        // Accepted, rejected as too complex or rejected as too slow to compile: the process survives either way.
        try
        {
            Label.SetValue(code.ToString());
        }
        catch (CodeRejectedException e)
        {
            Assert.That(e.Message, Does.StartWith("The"));
        }

        Assert.That(new Sorter().Label("x"), Is.Not.Null);
    }

    [Test]
    public void Deeply_nested_lambdas_are_rejected_naming_the_depth()
    {
        var code = new StringBuilder("public string Label(string text) => string.Concat(");
        const int levels = 40;
        for (var i = 0; i < levels; i++) code.Append($"text.Select(c{i} => ");
        code.Append("c0").Append(')', levels).Append(");");

        var message = Rejection(Label, code.ToString());

        Assert.That(message, Does.StartWith("The replacement for Sorter.Label was rejected: its lambdas nest 41 levels deep (line 1); the limit is 12 levels (CodeLimits.MaxLambdaDepth)."));
    }

    [Test]
    public void A_chain_of_curried_lambdas_is_rejected_naming_the_depth()
    {
        var code = new StringBuilder("public string Label(string text)\n{\n    var f = ");
        const int levels = 30;
        for (var i = 0; i < levels; i++) code.Append($"(Func<string, object>)(a{i} => ");
        code.Append("text").Append(')', levels).Append(";\n    return text;\n}");

        var message = Rejection(Label, code.ToString());

        Assert.That(message, Does.Contain("its lambdas nest 30 levels deep (line 3)").And.Contain("CodeLimits.MaxLambdaDepth"));
    }

    [Test]
    public void A_huge_body_is_rejected_naming_its_length()
    {
        var code = new StringBuilder("public string Label(string text)\n{\n    var s = \"\";\n");
        for (var i = 0; i < 1_800; i++) code.Append($"    s += \"a rather long line of text number {i:D4}\";\n");
        code.Append("    return s;\n}");

        var message = Rejection(Label, code.ToString());

        Assert.That(message, Does.Match(@"^The replacement for Sorter\.Label was rejected: it is [0-9,]+ characters long; the limit is 65,536 characters \(CodeLimits\.MaxLength\)\."));
    }

    [Test]
    public void A_body_with_too_many_lines_is_rejected_naming_its_line_count()
    {
        var code = new StringBuilder("public string Label(string text)\n{\n    var n = 0;\n");
        for (var i = 0; i < 3_000; i++) code.Append("    n++;\n");
        code.Append("    return text;\n}");

        var message = Rejection(Label, code.ToString());

        Assert.That(message, Does.StartWith("The replacement for Sorter.Label was rejected: it has 3,005 lines; the limit is 2,000 lines (CodeLimits.MaxLines)."));
    }

    [Test]
    public void Pathological_generic_nesting_is_rejected_naming_the_depth()
    {
        const int levels = 500;
        var type = new StringBuilder();
        for (var i = 0; i < levels; i++) type.Append("List<");
        type.Append("int").Append('>', levels);
        var code = $"public string Label(string text)\n{{\n    var x = new {type}();\n    return text;\n}}";

        var message = Rejection(Label, code);

        Assert.That(message, Does.StartWith("The replacement for Sorter.Label was rejected: its brackets nest 501 levels deep (line 3); the limit is 64 levels (CodeLimits.MaxNestingDepth)."));
    }

    [Test]
    public void Code_that_takes_longer_to_compile_than_the_limit_is_rejected_naming_the_limit()
    {
        Label.CompileTimeLimit = TimeSpan.FromTicks(1);

        var message = Rejection(Label, "public string Label(string text) => text + \"?\";");

        Assert.That(message, Does.StartWith("The replacement for Sorter.Label was rejected: compiling it took longer than the limit of 0 s (CodeParameter.CompileTimeLimit)."));
        Assert.That(new Sorter().Label("x"), Is.EqualTo("x"));
    }

    [Test]
    public void Nested_lambdas_within_the_limits_that_bind_slowly_are_stopped_at_the_compile_time_limit()
    {
        // Each level doubles the overloads the compiler tries; 11 levels take seconds, well past the limit set here.
        const int levels = 11;
        var code = new StringBuilder("public string Label(string text) => string.Concat(");
        for (var i = 0; i < levels; i++) code.Append($"text.Select((c{i}) => string.Concat(");
        code.Append("c0.ToString()");
        for (var i = 0; i < levels; i++) code.Append("))");
        code.Append(");");
        Label.CompileTimeLimit = TimeSpan.FromMilliseconds(200);

        var message = Rejection(Label, code.ToString());

        Assert.That(message, Does.StartWith("The replacement for Sorter.Label was rejected: compiling it took longer than the limit of 0.2 s (CodeParameter.CompileTimeLimit)."));
    }

    [Test]
    public void A_realistic_three_hundred_line_method_is_accepted()
    {
        var code = RealisticMethod(300);
        Assert.That(code.Split('\n'), Has.Length.GreaterThanOrEqualTo(300));

        Label.SetValue(code);

        Assert.That(Label.IsReplaced, Is.True);
        Assert.That(new Sorter().Label("hello world"), Does.StartWith("HELLO WORLD|"));
    }

    [Test]
    public void A_replacement_with_a_static_lambda_and_a_static_local_function_compiles_and_runs()
    {
        var sorter = new Sorter();
        Label.SetValue("""
            public string Label(string text)
            {
                Func<string, string> shout = static s => s.ToUpperInvariant();
                Func<int, int> twice = static (int n) => { return n * 2; };
                return Wrap(shout(text)) + twice(text.Length);

                static string Wrap(string s) => "[" + s + "]";
            }
            """);

        Assert.That(sorter.Label("ab"), Is.EqualTo("[AB]4"));
    }

    [Test]
    public void A_static_lambda_that_captures_a_local_is_still_rejected_as_the_compiler_would()
    {
        var message = Rejection(Label, """
            public string Label(string text)
            {
                var suffix = "!";
                Func<string, string> add = static s => s + suffix;
                return add(text);
            }
            """);

        Assert.That(message, Does.Contain("4 |     Func<string, string> add = static s => s + suffix;").And.Contain("error CS8820"));
    }

    [Test]
    public void An_infinite_loop_inside_a_static_lambda_or_static_local_function_is_stopped_by_the_budget()
    {
        var sorter = new Sorter();
        Label.TimeBudget = TimeSpan.FromMilliseconds(200);
        Label.SetValue("""
            public string Label(string text)
            {
                Func<int, int> spin = static n => { while (true) { n++; } };
                return text == "local" ? Spin(0).ToString() : spin(0).ToString();

                static int Spin(int n) { for (;;) { n++; } }
            }
            """);

        Assert.That(() => sorter.Label("lambda"), Throws.TypeOf<CodeBudgetExceededException>().With.Message.Contain("ran longer than its time budget of 200 ms"));
        Assert.That(() => sorter.Label("local"), Throws.TypeOf<CodeBudgetExceededException>().With.Message.Contain("ran longer than its time budget of 200 ms"));
    }

    [Test]
    public void A_loop_whose_iterations_are_slow_is_stopped_soon_after_its_budget_not_after_256_iterations()
    {
        var sorter = new Sorter();
        Label.TimeBudget = TimeSpan.FromMilliseconds(300);
        Label.SetValue("""
            public string Label(string text)
            {
                while (true) { global::Trace.Runtime.Tests.Code.SlowWork.Step(); }
            }
            """);
        SlowWork.Steps = 0;

        Assert.That(() => sorter.Label("x"), Throws.TypeOf<CodeBudgetExceededException>().With.Message.Contain("ran longer than its time budget of 300 ms"));
        // About 15 steps of 20 ms fit in the budget; a clock read only every 256 checkpoints lets 255 run.
        Assert.That(SlowWork.Steps, Is.LessThan(100));
    }

    // Loops with comparisons, generic collections, lambdas, switch expressions, interpolated and verbatim strings,
    // comments with unbalanced brackets: everything a long real method has.
    private static string RealisticMethod(int lines)
    {
        var code = new StringBuilder("""
            /// <summary>Labels a text (a long method, as a model might write it).</summary>
            public string Label(string text)
            {
                // Counts per letter :-) (and a stray bracket in a comment: {
                var counts = new Dictionary<char, List<int>>();
                var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var result = new System.Text.StringBuilder(text.ToUpperInvariant()).Append('|');
                var weights = new List<KeyValuePair<string, (int Count, double Weight)>>();
            """).Append('\n');
        var block = 0;
        while (code.ToString().Split('\n').Length < lines - 6)
        {
            code.Append($$"""
                    for (var i{{block}} = 0; i{{block}} < text.Length && i{{block}} < 40; i{{block}}++)
                    {
                        var c = text[i{{block}}];
                        if (!counts.TryGetValue(c, out var list)) counts[c] = list = new List<int>();
                        list.Add(i{{block}} < 3 ? i{{block}} : i{{block}} * 2 > 10 ? 1 : 0);
                    }

                    var top{{block}} = counts.Where(p => p.Value.Count > 0 && p.Key != ')')
                        .OrderByDescending(p => p.Value.Sum(v => v < 5 ? v : 5))
                        .Select(p => $"{p.Key}:{p.Value.Count}")
                        .FirstOrDefault() ?? @"none ""(yet)"" ";
                    weights.Add(new(top{{block}}, (words.Length, words.Length > 1 ? 1.0 / words.Length : 0.5)));
                    var kind{{block}} = words.Length switch
                    {
                        0 => "empty [",
                        1 => "one",
                        < 5 => "few",
                        _ => "many",
                    };
                    if (kind{{block}}.Length < 0 || top{{block}}.Length > 1000) return text; // never: a < b > c
                    Func<int, int> twice{{block}} = n => n * 2;
                    int Local{{block}}(int n) => n < 2 ? n : twice{{block}}(n - 1);
                    _ = Local{{block}}(3) >= 0 && counts.Count <= 1000 || words.Length >> 1 == 0;

                """);
            block++;
        }

        code.Append("""
                var summary = string.Join(",", weights.Select(w => $"{w.Key}={w.Value.Weight:0.00}").Take(1));
                result.Append(summary.Length > 0 ? "ok" : "none");
                return result.ToString();
            }
            """);
        return code.ToString();
    }
}

/// <summary>Project code that replacement code calls: each step takes a while.</summary>
public static class SlowWork
{
    /// <summary>How many steps ran.</summary>
    public static int Steps { get; set; }

    /// <summary>One slow step (20 ms).</summary>
    public static void Step()
    {
        Steps++;
        Thread.Sleep(20);
    }
}
