using Opto;
using Opto.Code;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Code;

public class CodeSwapTests
{
    private static CodeParameter CodeOf(Sorter sorter, string method) =>
        sorter.TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Sorter." + method);

    [TearDown]
    public void ResetCode()
    {
        foreach (var code in new Sorter().TrainableParameters().OfType<CodeParameter>()) code.Reset();
    }

    [Test]
    public void A_trainable_method_is_a_code_parameter_with_its_source_and_signature()
    {
        var code = CodeOf(new Sorter(), "StrangeSort");

        Assert.That(code.Value, Is.EqualTo("/// <summary>Returns the list in strange order: the minimum, then the maximum of the rest, then the minimum of the rest, and so on.</summary>\npublic List<int> StrangeSort(List<int> values) => [.. values.Order()];"));
        Assert.That(code.Signature, Is.EqualTo("public List<int> StrangeSort(List<int> values)"));
        Assert.That(code.Constraint, Does.Contain("signature stays exactly `public List<int> StrangeSort(List<int> values)`"));
        Assert.That(code.IsReplaced, Is.False);
    }

    [Test]
    public void A_new_body_is_compiled_and_every_call_site_runs_it()
    {
        var sorter = new Sorter();
        var code = CodeOf(sorter, "StrangeSort");

        code.SetValue("""
            public List<int> StrangeSort(List<int> values)
            {
                var sorted = values.Order().ToList();
                var result = new List<int>();
                for (int low = 0, high = sorted.Count - 1; low <= high; low++, high--)
                {
                    result.Add(sorted[low]);
                    if (low != high) result.Add(sorted[high]);
                }
                return result;
            }
            """);

        Assert.That(sorter.StrangeSort([1, 2, 3, 4]), Is.EqualTo(new[] { 1, 4, 2, 3 }));
        using (var scope = TraceScope.Begin())
        {
            var traced = sorter.StrangeSort([5, 1, 3]);
            Assert.That(traced, Is.EqualTo(new[] { 1, 5, 3 }));
            var node = (MessageNode)scope.Graph.NodeOf(traced)!;
            Assert.That(node.HiddenDependencies, Does.Contain(code), "the call depends on the code");
        }

        Assert.That(code.IsReplaced, Is.True);
        code.Reset();
        Assert.That(sorter.StrangeSort([1, 2, 3, 4]), Is.EqualTo(new[] { 1, 2, 3, 4 }));
    }

    [Test]
    public void Replacement_code_reaches_instance_static_internal_and_private_members_and_recurses_into_itself()
    {
        var sorter = new Sorter { Keep = 2 };
        var label = CodeOf(sorter, "Label");

        label.SetValue("""
            public string Label(string text)
            {
                Touch();
                _calls += 10;
                return text.Length > 3 ? Label(text[..3]) : Prefix() + text + Suffix + Keep + this.Keep + CountAbove([1, 5], 2);
            }
            """);

        Assert.That(sorter.Label("abcdef"), Is.EqualTo("#abc!221"));
        Assert.That(sorter.Calls, Is.EqualTo(22), "private field written twice, once per level of recursion");
    }

    [Test]
    public void Static_and_async_methods_are_replaced_too()
    {
        var sorter = new Sorter();
        CodeOf(sorter, "CountAbove").SetValue("public static int CountAbove(int[] values, int threshold) => values.Count(v => v >= threshold);");
        CodeOf(sorter, "SumAsync").SetValue("public async Task<int> SumAsync(List<int> values) { await Task.Yield(); return values.Sum() * 2; }");

        Assert.That(Sorter.CountAbove([1, 2, 3], 2), Is.EqualTo(2));
        Assert.That(sorter.SumAsync([1, 2]).Result, Is.EqualTo(6));
    }
}
