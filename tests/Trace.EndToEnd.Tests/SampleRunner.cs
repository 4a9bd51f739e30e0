namespace Trace.EndToEnd.Tests;

/// <summary>Runs a sample with `dotnet run`, as the README tells a newcomer to, with no model configured.</summary>
internal static class SampleRunner
{
    private static readonly Dictionary<string, string?> s_noProvider = new()
    {
        ["AZURE_OPENAI_ENDPOINT"] = null,
        ["AZURE_OPENAI_API_KEY"] = null,
        ["AZURE_OPENAI_DEPLOYMENT"] = null,
        ["OPENAI_API_KEY"] = null,
        ["OPENAI_BASE_URL"] = null,
        ["OPENAI_MODEL"] = null,
    };

    public static ProcessResult Run(string project, params string[] arguments)
    {
        var repository = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Trace.sln"))) repository = repository.Parent ?? throw new InvalidOperationException("No Trace.sln above the tests.");
        // A private artifacts folder: no clash with the solution build that is running these tests.
        var artifacts = Path.Combine(Path.GetTempPath(), $"opto-sample-{Guid.NewGuid():N}");
        try
        {
            string[] command = ["run", "--project", project, "--artifacts-path", artifacts];
            return ProcessRunner.DotnetSucceeds(repository.FullName, arguments.Length == 0 ? command : [.. command, "--", .. arguments], s_noProvider);
        }
        finally
        {
            if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
        }
    }
}
