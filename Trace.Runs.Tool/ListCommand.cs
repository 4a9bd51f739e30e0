using System.CommandLine;

namespace Opto.Runs.Tool;

/// <summary><c>opto list [root]</c>: one line per run under a directory.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var root = new Argument<string>("root")
        {
            Description = "The directory to search for runs, at any depth.",
            DefaultValueFactory = _ => ".",
        };
        var command = new Command("list", "Lists the runs under a directory: where each is, when it started (UTC), its steps, best validation score, whether it finished, and its optimizer.")
        {
            root,
        };
        command.SetAction(parsed => Failures.Guard(parsed, output => Run(parsed.GetRequiredValue(root), output, parsed.InvocationConfiguration.Error)));
        return command;
    }

    private static int Run(string root, TextWriter output, TextWriter error)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) return Failures.Report(error, $"'{full}' does not exist: pass the directory the runs are kept in.");
        var runs = SqliteRunStore.FindRuns(full);
        if (runs.Count == 0)
        {
            output.WriteLine($"No runs under '{full}'.");
            return 0;
        }

        var table = new TextTable("RUN", "STARTED (UTC)", "STEPS", "BEST", "STATUS", "OPTIMIZER");
        var failed = 0;
        foreach (var directory in runs)
        {
            var name = Path.GetRelativePath(full, directory);
            try
            {
                using var store = SqliteRunStore.OpenRead(directory);
                var run = store.ReadRun();
                table.Add(name, Format.Time(run.StartedAt), Format.Count(run.Steps.Count), Format.Score(run.BestValidationScore),
                    run.Finish is null ? "unfinished" : "finished", run.Description.Optimizer);
            }
            catch (RunStoreException e)
            {
                error.WriteLine($"{name}: {e.Message}");
                failed++;
            }
        }

        table.WriteTo(output);
        return failed == 0 ? 0 : Failures.ExitCode;
    }
}
