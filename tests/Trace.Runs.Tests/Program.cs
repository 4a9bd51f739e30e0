namespace Trace.Runs.Tests;

/// <summary>
/// The test assembly run as a program: <c>dotnet Trace.Runs.Tests.dll train &lt;run directory&gt; &lt;final parameters file&gt;</c>
/// trains the deterministic run of <see cref="DeterministicRun"/> into the store, the way an application would, so the
/// crash tests can kill a real process at any point. Test runners do not use this entry point.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["train", var directory, var final]) 
        {
            await Console.Error.WriteLineAsync("usage: train <run directory> <final parameters file>");
            return 2;
        }

        await DeterministicRun.TrainAsync(directory, final, Console.Out);
        return 0;
    }
}
