using System.Runtime.Loader;
using Opto;
using Opto.Code;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Code;

public class CodeRunTests
{
    private static CodeParameter CodeOf(string method) =>
        new Sorter().TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Sorter." + method);

    [TearDown]
    public void ResetCode()
    {
        foreach (var code in new Sorter().TrainableParameters().OfType<CodeParameter>())
        {
            code.TimeBudget = TimeSpan.FromSeconds(10);
            code.Reset();
        }
    }

    // Values a statement leaves on the evaluation stack once made exceptions point at the statement before.
    [TestCase("var first = text.Trim();\nreturn first.Substring(first.Length + 1);", "return first.Substring(first.Length + 1);", TestName = "The line of an exception thrown by a callee of an expression that uses the previous statement's value")]
    [TestCase("var n = text.Length;\nvar half = n / 2;\nreturn int.Parse(text).ToString() + half;", "return int.Parse(text).ToString() + half;", TestName = "The line of an exception after several statements")]
    public void An_exception_names_the_line_it_was_thrown_on(string body, string line)
    {
        var label = CodeOf("Label");
        label.SetValue(Replacements.Label(body));

        var error = Assert.Catch(() => new Sorter().Label("short"));

        Assert.That(PatchLocations.Describe(error!), Is.EqualTo($"at line {body.Split('\n').Length + 2} of the replacement code of Sorter.Label: `{line}`"));
    }

    [TestCase("var letters = text.ToCharArray();\nreturn letters[letters.Length].ToString();", TestName = "An index out of range in the replacement's own code is placed at or before its line")]
    [TestCase("var letters = text.ToCharArray();\nvar zero = letters.Length - letters.Length;\nreturn (letters.Length / zero).ToString();", TestName = "A division by zero in the replacement's own code is placed at or before its line")]
    [TestCase("var letters = text.ToCharArray();\nletters = null;\nreturn letters[0].ToString();", TestName = "A null dereference in the replacement's own code is placed at or before its line")]
    public void A_fault_of_the_replacements_own_instruction_is_placed_at_or_before_its_line(string body)
    {
        var label = CodeOf("Label");
        label.SetValue(Replacements.Label(body));

        var error = Assert.Catch(() => new Sorter().Label("short"));

        var description = PatchLocations.Describe(error!);
        var match = System.Text.RegularExpressions.Regex.Match(description ?? "", @"^at line (\d+) or a later line of the replacement code of Sorter\.Label \(line \1: `");
        Assert.That(match.Success, Is.True, description ?? error!.ToString());
        var line = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(line, Is.InRange(2, body.Split('\n').Length + 2), description);
    }

    [Test]
    public void An_exception_in_replacement_code_is_an_exception_node_whose_parents_include_the_code_with_the_line()
    {
        var sorter = new Sorter();
        var label = CodeOf("Label");
        label.SetValue("""
            public string Label(string text)
            {
                var first = text.Trim();
                return first[10..];
            }
            """);

        using var scope = TraceScope.Begin();
        Assert.Throws<ArgumentOutOfRangeException>(() => sorter.Label("short"));

        var node = scope.Graph.Nodes.OfType<ExceptionNode>().Single();
        Assert.That(node.Parents, Does.Contain(label));
        Assert.That(node.Description, Does.Contain("at line 4 of the replacement code of Sorter.Label: `return first[10..];`"));
        var result = node.Backward("It must not throw.");
        Assert.That(result.Parameters, Does.Contain(label));
    }

    [Test]
    public void Code_that_runs_past_its_time_budget_is_stopped_and_the_overrun_is_an_exception_node()
    {
        var sorter = new Sorter();
        var label = CodeOf("Label");
        label.TimeBudget = TimeSpan.FromMilliseconds(200);
        label.SetValue("""
            public string Label(string text)
            {
                var n = 0;
                while (true) { n++; }
            }
            """);

        using var scope = TraceScope.Begin();
        var error = Assert.Throws<CodeBudgetExceededException>(() => sorter.Label("x"));

        Assert.That(error!.Message, Does.Contain("ran longer than its time budget of 200 ms"));
        var node = scope.Graph.Nodes.OfType<ExceptionNode>().Single();
        Assert.That(node.Parents, Does.Contain(label));
        // Optimized code maps a loop's checkpoint to the nearest sequence point: the loop's line or the one before.
        Assert.That(node.Description, Does.Contain("CodeBudgetExceededException").And.Match("at line [34] of the replacement code of Sorter.Label"));
    }

    [Test]
    public void Runaway_recursion_is_stopped_before_the_stack_overflows()
    {
        var sorter = new Sorter();
        CodeOf("Label").SetValue("public string Label(string text) => Label(text + \"x\");");

        var error = Assert.Throws<CodeBudgetExceededException>(() => sorter.Label("x"));

        Assert.That(error!.Message, Does.Contain("called itself more than 1000 levels deep"));
    }

    [Test]
    public void Two_hundred_swaps_leave_no_growing_number_of_load_contexts()
    {
        var sorter = new Sorter();
        var label = CodeOf("Label");
        int Live() => AssemblyLoadContext.All.Count(c => c.GetType().Name == "PatchLoadContext");
        void Collect()
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        Collect();
        var before = Live();
        for (var i = 0; i < 200; i++)
        {
            label.SetValue($"public string Label(string text) => text + \"{i}\";");
            Assert.That(sorter.Label("v"), Is.EqualTo("v" + i));
        }

        label.Reset();
        Collect();

        Assert.That(label.Swaps, Is.GreaterThanOrEqualTo(200));
        Assert.That(Live(), Is.LessThanOrEqualTo(before), $"unloaded patches are collected ({before} live before the swaps)");
    }

    [Test]
    public void Saved_code_is_compiled_and_applied_once_on_load_and_bad_saved_code_changes_nothing()
    {
        var sorter = new Sorter();
        var label = CodeOf("Label");
        var file = Path.Combine(Path.GetTempPath(), $"opto-code-{Guid.NewGuid():N}.json");
        try
        {
            label.SetValue("public string Label(string text) => \"saved:\" + text;");
            var parameters = sorter.TrainableParameters();
            ParameterStore.Save(parameters, file);
            label.Reset();
            var swaps = label.Swaps;

            ParameterStore.Load(parameters, file);

            Assert.That(sorter.Label("a"), Is.EqualTo("saved:a"));
            Assert.That(label.Swaps, Is.EqualTo(swaps + 1));

            File.WriteAllText(file, File.ReadAllText(file).Replace("\\u0022saved:\\u0022 \\u002B text", "nope", StringComparison.Ordinal).Replace("\"saved:\" + text", "nope", StringComparison.Ordinal).Replace("\\\"saved:\\\" + text", "nope", StringComparison.Ordinal));
            label.Reset();
            var error = Assert.Throws<ParameterLoadException>(() => ParameterStore.Load(parameters, file));
            Assert.That(error!.Message, Does.Contain("Sorter.Label").And.Contain("CS0103"));
            Assert.That(sorter.Label("a"), Is.EqualTo("a"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
