using System.CommandLine;

namespace Opto.Runs.Tool;

/// <summary><c>opto export &lt;run-dir&gt; --best|--last --output &lt;file.json&gt;</c>: a run's parameters as a parameters file.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("run-dir") { Description = "The run's directory (the one holding its run.db)." };
        var best = new Option<bool>("--best") { Description = "Export the parameters of the best validation (the default)." };
        var last = new Option<bool>("--last") { Description = "Export the parameters after the last committed step." };
        var output = new Option<string>("--output", "-o") { Description = "The parameters file to write (ParameterStore format, replaced if it exists).", Required = true };
        var command = new Command("export", "Writes a run's best or last parameters as a parameters file an application loads with ParameterStore.Load, and says which step they come from.")
        {
            directory, best, last, output,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(best) && result.GetValue(last)) result.AddError("Give one of --best and --last, not both.");
        });
        command.SetAction(parsed => Failures.Guard(parsed, writer =>
            Run(parsed.GetRequiredValue(directory), parsed.GetValue(last) ? CheckpointKind.Last : CheckpointKind.Best, parsed.GetRequiredValue(output), writer)));
        return command;
    }

    private static int Run(string directory, CheckpointKind kind, string path, TextWriter output)
    {
        using var store = SqliteRunStore.OpenRead(directory);
        var full = Path.GetFullPath(path);
        var step = store.ExportParameters(kind, full);
        var from = step == 0 ? "before training (step 0)" : $"step {Format.Count(step)}";
        output.WriteLine($"Wrote the {(kind == CheckpointKind.Best ? "best" : "last")} parameters, from {from}, to '{full}'.");
        return 0;
    }
}
