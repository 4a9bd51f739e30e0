using Microsoft.CodeAnalysis.Diagnostics;

namespace Trace.Analyzers.Tests;

/// <summary>Every diagnostic the analyzers can report has its page, its row in the index, and the message its page shows.</summary>
public class DiagnosticPagesTests
{
    private static readonly string Pages = Path.Combine(Repository(), "docs", "diagnostics");

    private static IEnumerable<Microsoft.CodeAnalysis.DiagnosticDescriptor> Descriptors() =>
        typeof(Opto.Analyzers.TrainableReadAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .DistinctBy(d => (d.Id, d.MessageFormat.ToString()));

    [Test]
    public void Every_diagnostic_has_a_page_that_shows_its_message_and_a_row_in_the_index()
    {
        var index = File.ReadAllText(Path.Combine(Pages, "README.md"));
        var descriptors = Descriptors().ToList();
        Assert.That(descriptors.Select(d => d.Id).Distinct().Count(), Is.GreaterThanOrEqualTo(20));
        foreach (var descriptor in descriptors)
        {
            var page = Path.Combine(Pages, descriptor.Id + ".md");
            Assert.That(File.Exists(page), $"{descriptor.Id} has no page at docs/diagnostics/{descriptor.Id}.md");
            Assert.That(descriptor.HelpLinkUri, Does.EndWith("/docs/diagnostics/" + descriptor.Id + ".md"));
            Assert.That(index, Does.Contain($"| [{descriptor.Id}]({descriptor.Id}.md) |"), $"{descriptor.Id} has no row in docs/diagnostics/README.md");
            Assert.That(File.ReadAllText(page), Does.Contain($"# {descriptor.Id}: {descriptor.Title}"), $"{descriptor.Id}'s page has another title");
        }
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Trace.sln"))) directory = directory.Parent ?? throw new InvalidOperationException("No Trace.sln above the tests.");
        return directory.FullName;
    }
}
