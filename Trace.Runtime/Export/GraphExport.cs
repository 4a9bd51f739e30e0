using System.Text;

namespace Opto.Export;

/// <summary>Renders nodes and the edges among them as Graphviz DOT or a Mermaid flowchart.</summary>
public static class GraphExport
{
    private const int ValueLength = 60;

    /// <summary>The nodes, and the edges between them, in Graphviz DOT.</summary>
    public static string ToDot(IEnumerable<Node> nodes)
    {
        var ids = Number(nodes);
        var dot = new StringBuilder("digraph trace {\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
        foreach (var (node, id) in ids)
        {
            dot.Append($"  {id} [label=\"{Dot(Label(node))}\", fillcolor=\"{Color(node)}\"];\n");
        }

        foreach (var (node, id) in ids)
        {
            for (var p = 0; p < node.ParentCount; p++)
            {
                if (ids.TryGetValue(node.GetParent(p), out var parentId)) dot.Append($"  {parentId} -> {id};\n");
            }
        }

        return dot.Append("}\n").ToString();
    }

    /// <summary>The nodes, and the edges between them, as a Mermaid flowchart.</summary>
    public static string ToMermaid(IEnumerable<Node> nodes)
    {
        var ids = Number(nodes);
        var mermaid = new StringBuilder("flowchart TD\n");
        foreach (var (node, id) in ids)
        {
            var (open, close) = node switch
            {
                ParameterNode => ("[/", "/]"),
                ExceptionNode => ("{{", "}}"),
                MessageNode => ("[", "]"),
                _ => ("([", "])"),
            };
            mermaid.Append($"  {id}{open}\"{Mermaid(Label(node))}\"{close}\n");
        }

        foreach (var (node, id) in ids)
        {
            for (var p = 0; p < node.ParentCount; p++)
            {
                if (ids.TryGetValue(node.GetParent(p), out var parentId)) mermaid.Append($"  {parentId} --> {id}\n");
            }
        }

        return mermaid.ToString();
    }

    // Parameters and hand-made nodes live outside any scope's graph; they are drawn with the nodes that read them.
    private static Dictionary<Node, string> Number(IEnumerable<Node> nodes)
    {
        var ids = new Dictionary<Node, string>(ReferenceEqualityComparer.Instance);
        var list = nodes.ToList();
        foreach (var node in list)
        {
            for (var p = 0; p < node.ParentCount; p++)
            {
                if (node.GetParent(p) is { GraphIndex: < 0 } root) Add(root);
            }
        }

        foreach (var node in list) Add(node);
        return ids;

        void Add(Node node) => ids.TryAdd(node, "n" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Label(Node node)
    {
        var kind = node switch
        {
            ParameterNode => "parameter",
            ExceptionNode e => "exception in " + e.Operator.MethodName,
            MessageNode m => m.Operator.MethodName,
            CollectionNode => "collection",
            GlueNode => "glue",
            DecisionNode => "decision",
            _ => "input",
        };
        return $"{node.Name} ({kind})\n{ValueText.Format(node.Value, ValueLength)}";
    }

    private static string Color(Node node) => node switch
    {
        ParameterNode => "#ffe5b4",
        ExceptionNode => "#ffb3b3",
        MessageNode => "#cce5ff",
        _ => "#e8e8e8",
    };

    private static string Dot(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Mermaid(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal)
            .Replace("\n", "<br/>", StringComparison.Ordinal);
}
