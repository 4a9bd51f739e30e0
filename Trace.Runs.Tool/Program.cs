using System.CommandLine;
using Opto.Runs.Tool;

var root = new RootCommand("Reads the training runs kept in run stores (directories with a run.db): lists them, shows one, writes its report, exports its parameters.")
{
    ListCommand.Create(),
    ShowCommand.Create(),
    ReportCommand.Create(),
    ExportCommand.Create(),
};

var parsed = root.Parse(args);
var code = parsed.Invoke();
return parsed.Errors.Count > 0 ? 2 : code;
