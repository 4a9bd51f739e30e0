using ScottPlot;

namespace Opto.Runs.Reports;

// The batch and validation scores per step, as an SVG to put inside the page.
internal static class ScoreChart
{
    public static string Svg(RunRecord run, int bestStep)
    {
        var plot = new Plot();
        if (run.Steps.Count > 0)
        {
            var batch = plot.Add.Scatter(run.Steps.Select(s => (double)s.Number).ToArray(), run.Steps.Select(s => s.BatchScore).ToArray());
            batch.LegendText = "batch score (before the step)";
            batch.Color = new Color(0x4c, 0x78, 0xa8);
        }

        var validated = run.Steps.Where(s => s.ValidationScore is not null).Select(s => ((double)s.Number, s.ValidationScore!.Value)).ToList();
        if (run.InitialValidation is { } baseline) validated.Insert(0, (0, baseline.MeanScore));
        if (validated.Count > 0)
        {
            var validation = plot.Add.Scatter(validated.Select(v => v.Item1).ToArray(), validated.Select(v => v.Item2).ToArray());
            validation.LegendText = "validation score (after the step)";
            validation.Color = new Color(0x2c, 0xa0, 0x2c);
            validation.LineWidth = 2;
            var best = plot.Add.VerticalLine(bestStep);
            best.LegendText = $"best: step {bestStep}";
            best.Color = new Color(0xd6, 0x27, 0x28);
            best.LinePattern = LinePattern.Dashed;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        // Built-in guides score 0 to 1; a guide of its own may go beyond, and the axis follows.
        var scores = run.Steps.Select(s => s.BatchScore).Concat(validated.Select(v => v.Item2)).DefaultIfEmpty(0).ToList();
        plot.Axes.SetLimitsY(Math.Min(0, scores.Min()) - 0.05, Math.Max(1, scores.Max()) + 0.05);
        plot.Font.Set("sans-serif");
        plot.XLabel("step");
        plot.YLabel("mean score");
        plot.ShowLegend(Alignment.LowerRight);
        var svg = plot.GetSvgXml(860, 340);
        // The page holds the drawing inline: no XML declaration inside HTML.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start < 0 ? svg : svg[start..];
    }
}
