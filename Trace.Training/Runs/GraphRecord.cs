namespace Opto.Training;

/// <summary>A rollout's graph as a store keeps it: its nodes (and the parameters and inputs they came from), edges by id.</summary>
/// <param name="ExampleId">The example the rollout ran on.</param>
/// <param name="Output">The id of the node the feedback went backward from, or -1 when there was none.</param>
/// <param name="Nodes">Every node, each after its parents.</param>
public sealed record GraphRecord(string ExampleId, int Output, IReadOnlyList<GraphNodeRecord> Nodes)
{
    /// <summary>The nodes of <paramref name="graph"/> and everything they came from, values cut to <paramref name="maxValueLength"/>.</summary>
    /// <param name="exampleId">The example the rollout ran on.</param>
    /// <param name="graph">The rollout's graph.</param>
    /// <param name="output">The output node, when known.</param>
    /// <param name="maxValueLength">The longest value text kept; longer ones are cut.</param>
    public static GraphRecord From(string exampleId, TraceGraph graph, Node? output, int maxValueLength = 200)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ids = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        var records = new List<GraphNodeRecord>();

        // Parents before children, without recursion (a chain of a million calls is one graph).
        void Add(Node root)
        {
            if (ids.ContainsKey(root)) return;
            var stack = new Stack<(Node Node, bool Expanded)>();
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (node, expanded) = stack.Pop();
                if (ids.ContainsKey(node)) continue;
                if (!expanded)
                {
                    stack.Push((node, true));
                    foreach (var parent in node.Parents) if (!ids.ContainsKey(parent)) stack.Push((parent, false));
                    continue;
                }

                ids[node] = records.Count;
                records.Add(new GraphNodeRecord(records.Count, Kind(node), node.Name, TypeNames.Display(node.ValueType, qualified: false),
                    ValueText.Format(node.Value, maxValueLength), [.. node.Parents.Select(p => ids[p])], node.IsTrainable));
            }
        }

        foreach (var node in graph.Nodes) Add(node);
        if (output is not null) Add(output);
        return new GraphRecord(exampleId, output is null ? -1 : ids[output], records);
    }

    private static string Kind(Node node) => node switch
    {
        ParameterNode => "parameter",
        ExceptionNode => "exception",
        MessageNode => "call",
        InputNode => "input",
        CollectionNode => "collection",
        GlueNode => "glue",
        _ => "value",
    };
}

/// <summary>A node of a <see cref="GraphRecord"/>.</summary>
/// <param name="Id">Its position in the graph's list.</param>
/// <param name="Kind">parameter, call, exception, input, collection, glue or value.</param>
/// <param name="Name">Its name in the graph, such as <c>classify0</c>.</param>
/// <param name="Type">Its value's C# type.</param>
/// <param name="Value">Its value as text, cut short.</param>
/// <param name="Parents">The ids of the nodes it was computed from.</param>
/// <param name="Trainable">Whether it is a trainable parameter.</param>
public sealed record GraphNodeRecord(int Id, string Kind, string Name, string Type, string Value, IReadOnlyList<int> Parents, bool Trainable);
