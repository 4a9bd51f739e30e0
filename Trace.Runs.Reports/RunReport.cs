using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Opto.Training;
using static System.Net.WebUtility;

namespace Opto.Runs.Reports;

/// <summary>
/// A stored training run as one self-contained HTML page: nothing is fetched when it opens (no script, font or
/// stylesheet from elsewhere). It shows the scores per step as a chart, every step in a table, each step's parameter
/// changes as diffs with the optimizer's reasoning and rejections, the tokens by who spent them and by model, and the
/// graph of the rollout whose feedback led to the best parameters.
/// </summary>
public static class RunReport
{
    /// <summary>The page for the run in <paramref name="store"/>.</summary>
    /// <param name="store">A run store (open it with <see cref="SqliteRunStore.OpenRead"/>).</param>
    /// <param name="options">How to write the page; default <see cref="RunReportOptions"/>.</param>
    /// <exception cref="RunStoreException">The store holds no run yet or cannot be read.</exception>
    public static string Render(SqliteRunStore store, RunReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new RunReportOptions();
        var (run, steps) = store.ReadRunAndSteps();
        var bestStep = run.Finish?.BestStep ?? (steps.Count == 0 ? 0 : steps[^1].State.BestStep);
        var title = options.Title ?? $"Training run {Path.GetFileName(run.Directory)}";

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{HtmlEncode(title)}</title>
            <style>{Style}</style>
            </head>
            <body>
            <h1>{HtmlEncode(title)}</h1>
            """);
        Summary(html, run, bestStep);
        html.Append("<h2>Scores</h2>\n<figure>").Append(ScoreChart.Svg(run, bestStep)).Append("</figure>\n");
        StepTable(html, run, steps);
        Changes(html, steps);
        TokenTables(html, run);
        BestGraph(html, steps, bestStep, options);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the page for the run in <paramref name="store"/> to <paramref name="path"/> (replaced atomically).</summary>
    /// <param name="store">A run store.</param>
    /// <param name="path">The HTML file to write.</param>
    /// <param name="options">How to write the page.</param>
    public static void Write(SqliteRunStore store, string path, RunReportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var page = Render(store, options);
        var full = Path.GetFullPath(path);
        File.WriteAllText(full + ".tmp", page);
        File.Move(full + ".tmp", full, overwrite: true);
    }

    private static void Summary(StringBuilder html, RunRecord run, int bestStep)
    {
        var description = run.Description;
        var state = run.Finish is { } finish
            ? $"finished {Time(run.FinishedAt)} after {finish.Steps} steps{(finish.StoppedEarly ? " (stopped early)" : "")}; " +
              (finish.RestoredBest ? $"the parameters of step {finish.BestStep} were restored" : $"it ended with the parameters of step {finish.Steps}")
            : $"unfinished: {run.Steps.Count} steps committed (training again with the same store resumes it)";
        html.Append(CultureInfo.InvariantCulture, $"""
            <table class="facts">
            <tr><th>Started</th><td>{Time(run.StartedAt)}</td></tr>
            <tr><th>State</th><td>{HtmlEncode(state)}</td></tr>
            <tr><th>Algorithm</th><td>{HtmlEncode(description.Algorithm)} with {HtmlEncode(description.Optimizer)}; options {HtmlEncode(description.Options.ToJsonString())}</td></tr>
            <tr><th>Data</th><td>{description.TrainCount} training and {description.ValidationCount} validation examples (fingerprint {HtmlEncode(description.DatasetFingerprint[..12])})</td></tr>
            <tr><th>Parameters</th><td>{HtmlEncode(string.Join(", ", description.Parameters.Select(p => $"{p.Name} ({p.Type})")))}</td></tr>
            <tr><th>Validation</th><td>before: {HtmlEncode(run.InitialValidation?.ToString() ?? "none")}; best: {Score(run.BestValidationScore)} (step {bestStep})</td></tr>
            </table>
            """);
    }

    private static void StepTable(StringBuilder html, RunRecord run, IReadOnlyList<StepCommit> steps)
    {
        html.Append("<h2>Steps</h2>\n<table class=\"steps\">\n<tr><th>step</th><th>epoch</th><th>batch score</th><th>validation</th><th>applied</th><th>rejected</th><th>tokens</th><th>time</th></tr>\n");
        foreach (var (summary, step) in run.Steps.Zip(steps))
        {
            var applied = string.Join(", ", step.Log.Applied.Select(c => c.Name));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#step-{step.Number}\">{step.Number}</a></td><td>{step.Epoch}</td><td>{Score(summary.BatchScore)}</td><td>{Score(summary.ValidationScore)}</td>" +
                $"<td>{HtmlEncode(applied.Length == 0 ? "-" : applied)}</td><td>{step.Log.Rejected.Count}</td><td>{summary.Usage.Total.TotalTokenCount ?? 0:N0}</td><td>{summary.Elapsed.TotalSeconds:0.00} s</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Changes(StringBuilder html, IReadOnlyList<StepCommit> steps)
    {
        html.Append("<h2>Changes</h2>\n");
        foreach (var step in steps)
        {
            var before = Values(step.ParametersBefore);
            var after = Values(step.ParametersAfter);
            var changed = after.Where(p => !before.TryGetValue(p.Key, out var old) || old != p.Value).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<details id=\"step-{step.Number}\"{(changed.Count > 0 || step.Log.Rejected.Count > 0 ? " open" : "")}><summary>Step {step.Number}: ");
            html.Append(HtmlEncode(changed.Count == 0 ? "no change" : string.Join(", ", changed.Select(c => c.Key)) + " changed"));
            if (step.Log.Rejected.Count > 0) html.Append(CultureInfo.InvariantCulture, $"; {step.Log.Rejected.Count} rejected");
            html.Append("</summary>\n");
            if (step.Log.Reasoning is { Length: > 0 } reasoning) html.Append("<p class=\"reasoning\">").Append(HtmlEncode(reasoning)).Append("</p>\n");
            if (step.Log.Proposal.Selection is { Length: > 0 } selection)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"selection\">Chosen among {step.Log.Proposal.Candidates.Count} candidates ({step.Log.Proposal.Requests} requests): ")
                    .Append(HtmlEncode(selection)).Append("</p>\n");
            }
            foreach (var (name, value) in changed) Diff(html, name, before.GetValueOrDefault(name) ?? "", value);
            if (step.Log.Rejected.Count > 0)
            {
                html.Append("<ul class=\"rejected\">\n");
                foreach (var rejection in step.Log.Rejected) html.Append("<li>").Append(HtmlEncode(rejection.ToString())).Append("</li>\n");
                html.Append("</ul>\n");
            }

            Rollouts(html, step.Batch);
            if (step.Candidates.Count > 0)
            {
                html.Append("<p>Search candidates: ").Append(HtmlEncode(string.Join("; ", step.Candidates.Select((c, i) =>
                    $"{(i == 0 ? "current" : $"proposal {i}")} {Score(c.Score)}{(c.Chosen ? " (chosen)" : "")}")))).Append("</p>\n");
            }

            html.Append("</details>\n");
        }
    }

    // The batch the step learned from: each example's score, output and the feedback that went backward.
    private static void Rollouts(StringBuilder html, Evaluation batch)
    {
        html.Append("<table class=\"rollouts\">\n<tr><th>example</th><th>score</th><th>output</th><th>feedback</th></tr>\n");
        foreach (var rollout in batch.Rollouts)
        {
            var output = rollout.Error is { } error ? "threw " + error : rollout.Output ?? "";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(rollout.ExampleId)}</td><td>{Score(rollout.Judgement.Score)}{(rollout.Judgement.Correct ? " ✓" : "")}</td>" +
                $"<td>{HtmlEncode(ShortText.Cut(output, 160))}</td><td>{HtmlEncode(ShortText.Cut(rollout.Judgement.Feedback, 240))}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Diff(StringBuilder html, string name, string before, string after)
    {
        html.Append("<h3>").Append(HtmlEncode(name)).Append("</h3>\n");
        var parts = LineDiff.Compare(before, after);
        if (LineDiff.ByWords(before, after))
        {
            html.Append("<p class=\"diff\">");
            foreach (var (kind, text) in parts) html.Append(Span(kind, text)).Append(' ');
            html.Append("</p>\n");
            return;
        }

        html.Append("<pre class=\"diff\">");
        foreach (var (kind, text) in parts)
        {
            var mark = kind switch { LineDiff.Kind.Added => "+ ", LineDiff.Kind.Removed => "- ", _ => "  " };
            html.Append(Span(kind, mark + text)).Append('\n');
        }

        html.Append("</pre>\n");
    }

    private static string Span(LineDiff.Kind kind, string text) => kind switch
    {
        LineDiff.Kind.Added => $"<ins>{HtmlEncode(text)}</ins>",
        LineDiff.Kind.Removed => $"<del>{HtmlEncode(text)}</del>",
        _ => HtmlEncode(text),
    };

    private static void TokenTables(StringBuilder html, RunRecord run)
    {
        var total = TrainingUsage.Sum([run.InitialValidation?.Usage ?? TrainingUsage.None, .. run.Steps.Select(s => s.Usage)]);
        html.Append("<h2>Tokens</h2>\n<table class=\"tokens\">\n<tr><th>spent by</th><th>input</th><th>output</th><th>total</th></tr>\n");
        foreach (var (who, usage) in new[] { ("the agent", total.Agent), ("the guide", total.Guide), ("the optimizer", total.Optimizer), ("all", total.Total) })
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{who}</td><td>{usage.InputTokenCount ?? 0:N0}</td><td>{usage.OutputTokenCount ?? 0:N0}</td><td>{usage.TotalTokenCount ?? 0:N0}</td></tr>\n");
        }

        html.Append("</table>\n<table class=\"tokens\">\n<tr><th>model</th><th>input</th><th>output</th><th>total</th></tr>\n");
        foreach (var (model, usage) in total.ByModel.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{HtmlEncode(model)}</td><td>{usage.InputTokenCount ?? 0:N0}</td><td>{usage.OutputTokenCount ?? 0:N0}</td><td>{usage.TotalTokenCount ?? 0:N0}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void BestGraph(StringBuilder html, IReadOnlyList<StepCommit> steps, int bestStep, RunReportOptions options)
    {
        var step = steps.FirstOrDefault(s => s.Number == Math.Max(1, bestStep));
        html.Append("<h2>Graph</h2>\n");
        if (step?.Graphs is not [var graph, ..])
        {
            html.Append("<p>No rollout graph was stored.</p>\n");
            return;
        }

        var (svg, drawnBy, shown) = GraphPicture.Svg(graph, options.UseGraphviz);
        var cut = shown < graph.Nodes.Count ? $", the {shown} nodes nearest the output of {graph.Nodes.Count}" : "";
        var why = bestStep == 0
            ? "no step beat the parameters before training, and this rollout ran with them"
            : "the feedback that led to the best parameters went backward through it";
        html.Append(CultureInfo.InvariantCulture, $"<p>Step {step.Number}'s first rollout (example {HtmlEncode(graph.ExampleId)}): {why}. Laid out by {drawnBy}{cut}.</p>\n");
        html.Append("<figure class=\"graph\">").Append(svg).Append("</figure>\n");
    }

    // Each parameter's value as text: strings (code included) as they are, other values as JSON.
    private static Dictionary<string, string> Values(string parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonNode.Parse(parameters)?["parameters"] is not JsonObject entries) return values;
        foreach (var (name, entry) in entries)
        {
            var value = entry?["value"];
            values[name] = value is JsonValue text && text.TryGetValue<string>(out var s) ? s : value?.ToJsonString(RunJsonIndented) ?? "null";
        }

        return values;
    }

    private static readonly System.Text.Json.JsonSerializerOptions RunJsonIndented = new() { WriteIndented = true };

    private static string Score(double? score) =>
        score is null ? "-" : double.IsNegativeInfinity(score.Value) ? "not applicable" : score.Value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "-";

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; padding: 0 1rem; }
        h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; } h3 { font-size: 1rem; margin-bottom: .3rem; }
        table { border-collapse: collapse; margin: .5rem 0; } th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: left; vertical-align: top; }
        table.steps td:nth-child(3), table.steps td:nth-child(4), table.steps td:nth-child(n+6), table.tokens td:nth-child(n+2) { text-align: right; font-variant-numeric: tabular-nums; }
        .facts th { background: #f6f6f6; width: 9rem; } .facts td { overflow-wrap: anywhere; }
        details { border: 1px solid #e3e3e3; border-radius: 6px; padding: .4rem .8rem; margin: .5rem 0; } summary { cursor: pointer; font-weight: 600; }
        .reasoning { font-style: italic; color: #444; }
        pre.diff, p.diff { background: #fafafa; border: 1px solid #eee; padding: .5rem; white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: .85rem; }
        ins { background: #d4f7d4; text-decoration: none; } del { background: #fbd3d3; }
        ul.rejected li { color: #8a1f11; }
        table.rollouts { font-size: .85rem; } table.rollouts td:nth-child(3), table.rollouts td:nth-child(4) { max-width: 28rem; overflow-wrap: anywhere; }
        figure { margin: 0; overflow-x: auto; } figure.graph svg { max-width: none; }
        """;
}
