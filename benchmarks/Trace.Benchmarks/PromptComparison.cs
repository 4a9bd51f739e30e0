using Microsoft.ML.Tokenizers;

namespace Trace.Benchmarks;

/// <summary>
/// OptoPrime's prompt against the Python original's for the same two graphs, in o200k_base tokens per section:
/// `dotnet run -c Release -- --prompt-compare`. The Python prompts are in benchmarks/PythonReference (how they were
/// made is in make_prompts.py there).
/// </summary>
public static class PromptComparison
{
    private static readonly string[] Headings =
        ["#Instruction", "#Code", "#Documentation", "#Variables", "#Constraints", "#Inputs", "#Others", "#Outputs", "#Feedback"];

    public static int Run()
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var reference = FindReference();
        var ours = new Dictionary<string, (string System, string User)>
        {
            ["chain10"] = PromptGraphs.Build(10).Optimizer.BuildPrompt(),
            ["fanin3"] = PromptGraphs.FanIn().BuildPrompt(),
        };
        var python = new Dictionary<string, (string System, string User)>
        {
            ["chain10"] = (File.ReadAllText(Path.Combine(reference, "chain10.system.txt")), File.ReadAllText(Path.Combine(reference, "chain10.complete.user.txt"))),
            ["fanin3"] = (File.ReadAllText(Path.Combine(reference, "fanin3.system.txt")), File.ReadAllText(Path.Combine(reference, "fanin3.user.txt"))),
        };

        foreach (var graph in ours.Keys)
        {
            Console.WriteLine($"\n{graph} (o200k_base tokens)\n");
            Console.WriteLine("| part | this library | Python Trace | ratio |");
            Console.WriteLine("|---|---:|---:|---:|");
            var mine = Parts(ours[graph]);
            var theirs = Parts(python[graph]);
            foreach (var part in mine.Keys)
            {
                var a = tokenizer.CountTokens(mine[part]);
                var b = tokenizer.CountTokens(theirs.GetValueOrDefault(part, ""));
                Console.WriteLine($"| {part} | {a:N0} | {b:N0} | {Ratio(a, b)} |");
            }

            var total = tokenizer.CountTokens(ours[graph].System) + tokenizer.CountTokens(ours[graph].User);
            var totalPython = tokenizer.CountTokens(python[graph].System) + tokenizer.CountTokens(python[graph].User);
            Console.WriteLine($"| **total** | **{total:N0}** | **{totalPython:N0}** | **{Ratio(total, totalPython)}** |");
        }

        return 0;
    }

    public static int Count(IEnumerable<string> files)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");
        foreach (var file in files) Console.WriteLine($"{tokenizer.CountTokens(File.ReadAllText(file))}\t{file}");
        return 0;
    }

    private static string Ratio(int a, int b) => b == 0 ? "—" : $"{(double)a / b:F2}";

    // The system prompt, each problem section (heading included) and the framing around them.
    private static Dictionary<string, string> Parts((string System, string User) prompt)
    {
        var parts = new Dictionary<string, string> { ["system prompt"] = prompt.System };
        var user = prompt.User;
        var framing = user;
        for (var h = 0; h < Headings.Length; h++)
        {
            var start = user.IndexOf(Headings[h] + "\n", StringComparison.Ordinal);
            if (start < 0)
            {
                parts[Headings[h]] = "";
                continue;
            }

            var end = user.Length;
            foreach (var next in Headings.Skip(h + 1).Append("====="))
            {
                var at = user.IndexOf(next, start + 1, StringComparison.Ordinal);
                if (at >= 0) end = Math.Min(end, at);
            }

            parts[Headings[h]] = user[start..end];
            framing = framing.Replace(user[start..end], "", StringComparison.Ordinal);
        }

        parts["framing (intro, separators, final prompt)"] = framing;
        return parts;
    }

    private static string FindReference()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "benchmarks", "PythonReference");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException("benchmarks/PythonReference not found above " + AppContext.BaseDirectory);
    }
}
