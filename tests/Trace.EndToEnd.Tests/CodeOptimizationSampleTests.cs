namespace Trace.EndToEnd.Tests;

/// <summary>The code sample runs with no key: a compile error becomes feedback, then the fixed code is swapped in.</summary>
public class CodeOptimizationSampleTests
{
    [Test]
    public void The_code_sample_rejects_code_that_does_not_compile_then_swaps_in_a_fix_that_passes_every_test()
    {
        var run = SampleRunner.Run("samples/CodeOptimization");
        var output = run.StandardOutput;

        Assert.That(output, Does.Contain("Model: the built-in offline demo model"), run.Describe());
        Assert.That(output, Does.Contain("Epoch 1: 2 of 4 test cases pass."), run.Describe());
        Assert.That(output, Does.Contain("| ^ error CS1002: ; expected"), run.Describe());
        Assert.That(output, Does.Contain("new code compiled and swapped in for StrangeSorter.StrangeSortList."), run.Describe());
        Assert.That(output, Does.Contain("Epoch 3: 4 of 4 test cases pass."), run.Describe());
        Assert.That(output, Does.Contain("Code after (replaced):"), run.Describe());
    }
}
