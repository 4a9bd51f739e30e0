using System.ComponentModel;
using System.Diagnostics;

namespace Trace.Runtime.Tests;

internal static class Graphviz
{
    /// <summary>Runs <c>dot -Tsvg</c>; null when Graphviz is not installed.</summary>
    public static (int ExitCode, string Error)? Render(string dotFile)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dot", ["-Tsvg", dotFile, "-o", Path.ChangeExtension(dotFile, ".svg")]) { RedirectStandardError = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
