using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Opto.Training;

namespace Opto.Runs.Reports;

// A rollout's graph as SVG: Graphviz's layout when `dot` is installed, otherwise a layered drawing of our own.
internal static class GraphPicture
{
    public const int MaxNodes = 120;

    public static (string Svg, string DrawnBy, int Shown) Svg(GraphRecord graph, bool useGraphviz)
    {
        var nodes = Nearest(graph);
        if (nodes.Count == 0) return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"></svg>", "nobody (it is empty)", 0);
        if (useGraphviz && Graphviz(nodes) is { } svg) return (svg, "Graphviz", nodes.Count);
        return (Layered(nodes, graph.Output), "the built-in layout", nodes.Count);
    }

    // The output and what it came from, nearest first, at most MaxNodes; in the graph's order (parents first).
    private static List<GraphNodeRecord> Nearest(GraphRecord graph)
    {
        if (graph.Nodes.Count <= MaxNodes) return [.. graph.Nodes];
        var keep = new HashSet<int>();
        var queue = new Queue<int>();
        if (graph.Output >= 0) queue.Enqueue(graph.Output);
        else foreach (var node in graph.Nodes.TakeLast(MaxNodes)) keep.Add(node.Id);
        while (queue.Count > 0 && keep.Count < MaxNodes)
        {
            var id = queue.Dequeue();
            if (!keep.Add(id)) continue;
            foreach (var parent in graph.Nodes[id].Parents) queue.Enqueue(parent);
        }

        return [.. graph.Nodes.Where(n => keep.Contains(n.Id))];
    }

    private static string? Graphviz(List<GraphNodeRecord> nodes)
    {
        var ids = nodes.Select(n => n.Id).ToHashSet();
        var dot = new StringBuilder("digraph rollout {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\", fontsize=10];\n");
        foreach (var node in nodes) dot.Append(CultureInfo.InvariantCulture, $"  n{node.Id} [label=\"{DotText(Label(node))}\", fillcolor=\"{Fill(node)}\"];\n");
        foreach (var node in nodes)
        {
            foreach (var parent in node.Parents.Where(ids.Contains)) dot.Append(CultureInfo.InvariantCulture, $"  n{parent} -> n{node.Id};\n");
        }

        dot.Append("}\n");
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dot", ["-Tsvg"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dot.ToString());
            process.StandardInput.Close();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                return null;
            }

            var svg = output.GetAwaiter().GetResult();
            _ = errors.GetAwaiter().GetResult();
            var start = svg.IndexOf("<svg", StringComparison.Ordinal);
            return process.ExitCode == 0 && start >= 0 ? svg[start..] : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return null; // Graphviz is not installed, or ended before reading the graph: the built-in layout draws it
        }
    }

    // Each node one row below its lowest parent; nodes of a row side by side; edges from a parent's bottom to a child's top.
    private static string Layered(List<GraphNodeRecord> nodes, int output)
    {
        const int width = 210, height = 44, gapX = 24, gapY = 40, margin = 12;
        var layer = new Dictionary<int, int>();
        foreach (var node in nodes) layer[node.Id] = node.Parents.Where(layer.ContainsKey).Select(p => layer[p] + 1).DefaultIfEmpty(0).Max();
        var rows = nodes.GroupBy(n => layer[n.Id]).OrderBy(g => g.Key).ToList();
        var position = new Dictionary<int, (int X, int Y)>();
        foreach (var row in rows)
        {
            var column = 0;
            foreach (var node in row) position[node.Id] = (margin + column++ * (width + gapX), margin + row.Key * (height + gapY));
        }

        var totalWidth = margin * 2 + Math.Max(1, rows.Max(r => r.Count())) * (width + gapX) - gapX;
        var totalHeight = margin * 2 + rows.Count * (height + gapY) - gapY;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{totalWidth}\" height=\"{totalHeight}\" viewBox=\"0 0 {totalWidth} {totalHeight}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        foreach (var node in nodes)
        {
            var (x, y) = position[node.Id];
            foreach (var parent in node.Parents.Where(position.ContainsKey))
            {
                var (px, py) = position[parent];
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px + width / 2}\" y1=\"{py + height}\" x2=\"{x + width / 2}\" y2=\"{y}\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>\n");
            }
        }

        foreach (var node in nodes)
        {
            var (x, y) = position[node.Id];
            var stroke = node.Id == output ? " stroke=\"#d62728\" stroke-width=\"2\"" : " stroke=\"#888\"";
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" rx=\"6\" fill=\"{Fill(node)}\"{stroke}/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 8}\" y=\"{y + 17}\" font-weight=\"bold\">{Xml(ShortText.Cut($"{node.Name} ({node.Kind})", 34))}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 8}\" y=\"{y + 34}\">{Xml(ShortText.Cut(OneLine(node.Value), 36))}</text>\n");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Label(GraphNodeRecord node) => $"{node.Name} ({node.Kind})\n{ShortText.Cut(OneLine(node.Value), 60)}";

    private static string Fill(GraphNodeRecord node) => node.Kind switch
    {
        "parameter" => "#ffe5b4",
        "exception" => "#ffb3b3",
        "call" => "#cce5ff",
        _ => "#e8e8e8",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Xml(string text) => WebUtility.HtmlEncode(text);

    private static string DotText(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
