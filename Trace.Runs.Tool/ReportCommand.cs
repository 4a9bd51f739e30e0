using System.CommandLine;
using Opto.Runs.Reports;

namespace Opto.Runs.Tool;

/// <summary><c>opto report &lt;run-dir&gt; [--output report.html]</c>: a run as one self-contained HTML page.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("run-dir") { Description = "The run's directory (the one holding its run.db)." };
        var output = new Option<string?>("--output", "-o") { Description = "The HTML file to write; default report.html in the run's directory." };
        var noGraphviz = new Option<bool>("--no-graphviz") { Description = "Draw the graph with the built-in layout even when Graphviz's dot is installed." };
        var command = new Command("report", "Writes a run's report: one HTML page that needs nothing else, with the scores per step as a chart, each step's changes as diffs, rejections, tokens and the graph behind the best parameters.")
        {
            directory, output, noGraphviz,
        };
        command.SetAction(parsed => Failures.Guard(parsed, writer =>
            Run(parsed.GetRequiredValue(directory), parsed.GetValue(output), !parsed.GetValue(noGraphviz), writer)));
        return command;
    }

    private static int Run(string directory, string? path, bool useGraphviz, TextWriter output)
    {
        using var store = SqliteRunStore.OpenRead(directory);
        var full = Path.GetFullPath(path ?? Path.Combine(store.Directory, "report.html"));
        RunReport.Write(store, full, new RunReportOptions { UseGraphviz = useGraphviz });
        output.WriteLine($"Wrote the report of '{store.Directory}' to '{full}'.");
        return 0;
    }
}
