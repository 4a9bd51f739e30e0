using System.CommandLine;
using System.Text.Json;

namespace Opto.Runs.Tool;

/// <summary>Runs a command's work and turns a store that cannot be read into its message on stderr and exit code 1.</summary>
internal static class Failures
{
    public const int ExitCode = 1;

    public static int Guard(ParseResult parsed, Func<TextWriter, int> work)
    {
        var output = parsed.InvocationConfiguration.Output;
        var error = parsed.InvocationConfiguration.Error;
        try
        {
            return work(output);
        }
        catch (RunStoreException e)
        {
            return Report(error, e.Message);
        }
        catch (JsonException e)
        {
            return Report(error, $"The run store holds a record that cannot be read, so it is damaged: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Report(error, e.Message);
        }
    }

    public static int Report(TextWriter error, string message)
    {
        error.WriteLine(message);
        return ExitCode;
    }
}
