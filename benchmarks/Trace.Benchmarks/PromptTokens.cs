using Microsoft.ML.Tokenizers;

namespace Trace.Benchmarks;

/// <summary>
/// Prints the size of OptoPrime's prompt for the fixed graphs, in characters and in o200k_base tokens (the encoding
/// of GPT-4o and later): `dotnet run -c Release -- --prompt-tokens [N ...]`.
/// </summary>
public static class PromptTokens
{
    public static int Run(IReadOnlyList<string> sizes)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var ns = sizes.Count == 0 ? [10, 100, 1_000] : sizes.Select(int.Parse).ToArray();
        Console.WriteLine("| graph nodes | system tokens | user (problem) tokens | total tokens | characters | tokens per node |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var n in ns)
        {
            var (optimizer, nodes) = PromptGraphs.Build(n);
            var (system, user) = optimizer.BuildPrompt();
            var systemTokens = tokenizer.CountTokens(system);
            var userTokens = tokenizer.CountTokens(user);
            Console.WriteLine($"| {nodes:N0} | {systemTokens:N0} | {userTokens:N0} | {systemTokens + userTokens:N0} | {system.Length + user.Length:N0} | {(double)userTokens / nodes:F1} |");
        }

        return 0;
    }

    public static int Dump(string directory)
    {
        Directory.CreateDirectory(directory);
        Write("chain10", PromptGraphs.Build(10).Optimizer);
        Write("fanin3", PromptGraphs.FanIn());
        return 0;

        void Write(string name, Opto.Optimizers.OptoPrime optimizer)
        {
            var (system, user) = optimizer.BuildPrompt();
            File.WriteAllText(Path.Combine(directory, $"{name}.system.txt"), system);
            File.WriteAllText(Path.Combine(directory, $"{name}.user.txt"), user);
        }
    }
}
