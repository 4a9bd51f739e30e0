using Opto.Runs;
using Opto.Runs.Reports;
using SkiaSharp;

namespace Trace.Runs.Tests;

/// <summary>The HTML report of a stored run: what it shows, that it needs nothing from elsewhere, and how a real browser renders it.</summary>
public class ReportTests
{
    private static async Task<RunDirectory> TrainedRunAsync()
    {
        var directory = new RunDirectory();
        await using var model = DeterministicRun.Model();
        using var store = SqliteRunStore.Open(directory.Path);
        var (trainer, _, _) = DeterministicRun.Create(model, store);
        await trainer.TrainAsync(DeterministicRun.Train(), DeterministicRun.Validation());
        return directory;
    }

    [Test]
    public async Task The_page_shows_the_chart_every_step_the_diffs_rejections_tokens_and_a_graph_and_needs_nothing_from_elsewhere()
    {
        using var directory = await TrainedRunAsync();
        using var store = SqliteRunStore.OpenRead(directory.Path);
        var steps = store.ReadSteps();

        var page = RunReport.Render(store, new RunReportOptions { UseGraphviz = false });

        Assert.That(page, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(CountOf(page, "<svg"), Is.EqualTo(2), "the score chart and the graph");
        Assert.That(page, Does.Contain("validation score (after the step)"), "the chart's legend");
        Assert.That(CountOf(page, "<tr><td><a href=\"#step-"), Is.EqualTo(DeterministicRun.Steps));
        Assert.That(CountOf(page, "<details id=\"step-"), Is.EqualTo(DeterministicRun.Steps));
        Assert.That(page, Does.Contain("<ins>variant"), "a word diff of the instruction");
        var firstRejection = steps.SelectMany(s => s.Log.Rejected).First();
        Assert.That(page, Does.Contain(System.Net.WebUtility.HtmlEncode(firstRejection.ToString())));
        Assert.That(page, Does.Contain("<td>the optimizer</td>").And.Contain(">opto-offline-script<"), "tokens by who and by model");
        Assert.That(page, Does.Contain("Laid out by the built-in layout").And.Contain("marker-end=\"url(#arrow)\""));
        Assert.That(page, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("src=").And.Not.Contain("@import").And.Not.Contain("url(http"));
    }

    [Test]
    public async Task A_run_with_OptoPrimeMulti_keeps_every_candidate_and_the_page_says_how_one_was_chosen()
    {
        using var directory = new RunDirectory();
        await using (var model = DeterministicRun.Model())
        {
            using var store = SqliteRunStore.Open(directory.Path);
            var chat = model.CreateClient();
            var agent = new RunAgent(chat);
            var optimizer = new Opto.Optimizers.OptoPrimeMulti(agent.TrainableParameters(), chat);
            var trainer = new Opto.Training.Trainer<string, string, string>((ticket, _) => agent.ClassifyAsync(ticket),
                new Opto.Training.ExactMatchGuide<string, string>(), optimizer, DeterministicRun.Options(store) with { Epochs = 1 });
            await trainer.TrainAsync(DeterministicRun.Train().Take(4).ToList(), DeterministicRun.Validation());
        }

        using var read = SqliteRunStore.OpenRead(directory.Path);
        var first = read.ReadSteps()[0].Log.Proposal;
        var page = RunReport.Render(read, new RunReportOptions { UseGraphviz = false });

        Assert.That((first.Candidates.Count, first.Requests), Is.EqualTo((3, 3)));
        Assert.That(first.Exchanges!.Select(e => e.Purpose), Is.EqualTo(new[] { "candidate 1 (temperature 0)", "candidate 2 (temperature 0.5)", "candidate 3 (temperature 1)" }));
        Assert.That(page, Does.Contain("Chosen among 3 candidates (3 requests): " + System.Net.WebUtility.HtmlEncode(first.Selection!)));
    }

    [Test]
    public async Task With_graphviz_installed_the_graph_is_laid_out_by_it()
    {
        using var directory = await TrainedRunAsync();
        using var store = SqliteRunStore.OpenRead(directory.Path);

        var page = RunReport.Render(store);

        var graphviz = Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, "dot")));
        Assert.That(page, Does.Contain(graphviz ? "Laid out by Graphviz" : "Laid out by the built-in layout"));
        if (graphviz) Assert.That(page, Does.Contain("class=\"graph\"").And.Contain("<title>rollout</title>"));
    }

    [Test]
    public void A_long_text_diff_marks_only_the_lines_that_changed()
    {
        var before = string.Join("\n", Enumerable.Range(1, 40).Select(i => $"line {i}"));
        var after = before.Replace("line 7\n", "line seven\n", StringComparison.Ordinal) + "\nline 41";

        var diff = LineDiff.Compare(before, after);

        Assert.That(diff.Where(d => d.Kind == LineDiff.Kind.Removed).Select(d => d.Text), Is.EqualTo(new[] { "line 7" }));
        Assert.That(diff.Where(d => d.Kind == LineDiff.Kind.Added).Select(d => d.Text), Is.EqualTo(new[] { "line seven", "line 41" }));
        Assert.That(diff.Count(d => d.Kind == LineDiff.Kind.Same), Is.EqualTo(39));
    }

    [Test]
    [NonParallelizable]
    public async Task A_real_headless_chromium_loads_the_page_with_no_console_error_and_no_request_elsewhere_and_draws_it()
    {
        var executable = HeadlessChromium.Find();
        Assert.That(executable, Is.Not.Null, "Chromium is needed for this test: apt-get install chromium (.ci/run installs it).");
        using var directory = await TrainedRunAsync();
        using (var store = SqliteRunStore.OpenRead(directory.Path)) RunReport.Write(store, directory.File("report.html"));

        await using var browser = await HeadlessChromium.StartAsync(executable!);
        var (errors, requests, screenshot) = await browser.OpenAsync(directory.File("report.html"));
        await File.WriteAllBytesAsync(directory.File("report.png"), screenshot);

        Assert.That(errors, Is.Empty);
        Assert.That(requests.Where(url => !url.StartsWith("file:", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)), Is.Empty,
            "the page fetches nothing");
        using var image = SKBitmap.Decode(screenshot);
        Assert.That((image.Width, image.Height > 1000), Is.EqualTo((1280, true)), "the whole page");
        var sampled = Enumerable.Range(0, 4000).Select(i => image.GetPixel(i * 7919 % image.Width, i * 104729 % image.Height)).ToList();
        Assert.That(sampled.Count(p => p.Red < 200 || p.Green < 200 || p.Blue < 200), Is.GreaterThan(40), "text, lines and colors are drawn: the page is not blank");
        Assert.That(sampled.Select(p => (p.Red / 32, p.Green / 32, p.Blue / 32)).Distinct().Count(), Is.GreaterThan(5), "in several colors");
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
