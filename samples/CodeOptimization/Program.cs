using CodeOptimization;
using Microsoft.Extensions.AI;
using Opto;
using Opto.Code;
using Opto.Optimizers;

// The model: Azure OpenAI or OpenAI when the environment configures one, else the built-in offline demo model.
await using var offline = OfflineScript.Create();
IChatClient chat = SampleModel.Choose(offline);

// The method's code is the parameter: the optimizer rewrites it, the compiler checks it, and every call runs the new code.
var sorter = new StrangeSorter();
var code = sorter.TrainableParameters().OfType<CodeParameter>().Single();
code.TimeBudget = TimeSpan.FromSeconds(2);
var optimizer = new OptoPrime([code], chat);
Console.WriteLine();
Console.WriteLine($"Code before:\n{code.Value}");

for (var epoch = 1; epoch <= 5; epoch++)
{
    using var scope = TraceScope.Begin($"epoch {epoch}");
    optimizer.ZeroFeedback();
    var failures = 0;
    foreach (var (input, expected) in TestCases.All)
    {
        try
        {
            var output = sorter.StrangeSortList([.. input]);
            if (output.SequenceEqual(expected)) continue;
            failures++;
            optimizer.Backward(output, $"StrangeSortList({TestCases.Show(input)}) returned {TestCases.Show(output)}; expected {TestCases.Show(expected)}.");
        }
        catch (Exception e) when (scope.Graph.Nodes.OfType<ExceptionNode>().LastOrDefault() is { } thrown)
        {
            failures++;
            optimizer.Backward(thrown, $"StrangeSortList({TestCases.Show(input)}) threw {e.GetType().Name}: {e.Message}");
        }
    }

    Console.WriteLine();
    Console.WriteLine($"Epoch {epoch}: {TestCases.All.Length - failures} of {TestCases.All.Length} test cases pass.");
    if (failures == 0) break;

    var step = await optimizer.StepAsync();
    Console.WriteLine($"  Step {step.Step} ({Tokens.Describe(step.Usage)}):");
    if (step.Reasoning is { } reasoning) Console.WriteLine($"    reasoning: {reasoning}");
    foreach (var change in step.Applied) Console.WriteLine($"    new code compiled and swapped in for {change.Parameter.Name}.");
    foreach (var rejection in step.Rejected) Console.WriteLine($"    rejected: {rejection.Reason.TrimEnd().Replace("\n", "\n      ", StringComparison.Ordinal)}");
}

Console.WriteLine();
Console.WriteLine($"Code after ({(code.IsReplaced ? "replaced" : "original")}):\n{code.Value}");
Console.WriteLine();
Console.WriteLine($"Tokens used by the optimizer: {Tokens.Describe(optimizer.TotalUsage)}");
