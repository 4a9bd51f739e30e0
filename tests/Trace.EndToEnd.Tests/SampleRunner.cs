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

    public static ProcessResult Run(string project, params string[] arguments) => RunEach(project, [arguments])[0];

    /// <summary>Runs a sample once per argument list: built by the first run, the others reuse that build.</summary>
    public static IReadOnlyList<ProcessResult> RunEach(string project, IReadOnlyList<string[]> argumentLists)
    {
        var repository = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Trace.sln"))) repository = repository.Parent ?? throw new InvalidOperationException("No Trace.sln above the tests.");
        // A private artifacts folder: no clash with the solution build that is running these tests.
        var artifacts = Path.Combine(Path.GetTempPath(), $"opto-sample-{Guid.NewGuid():N}");
        try
        {
            var results = new List<ProcessResult>();
            foreach (var arguments in argumentLists)
            {
                string[] command = ["run", "--project", project, "--artifacts-path", artifacts, .. results.Count == 0 ? Array.Empty<string>() : ["--no-build"]];
                results.Add(ProcessRunner.DotnetSucceeds(repository.FullName, arguments.Length == 0 ? command : [.. command, "--", .. arguments], s_noProvider));
            }

            return results;
        }
        finally
        {
            if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
        }
    }
}
