using Opto.Optimizers;
using Opto.Transport;

namespace Opto.Training;

/// <summary>
/// A rollout's graph as a store keeps it: its output and everything the output came from (what the feedback went
/// backward through), edges by id, each value as the optimizer shows it, cut short.
/// </summary>
/// <param name="ExampleId">The example the rollout ran on.</param>
/// <param name="Output">The id of the node the feedback went backward from, or -1 when there was none.</param>
/// <param name="Nodes">Every node, each after its parents.</param>
public sealed record GraphRecord(string ExampleId, int Output, IReadOnlyList<GraphNodeRecord> Nodes)
{
    /// <summary>The output's graph, values cut to <paramref name="maxValueLength"/>; the same wherever the rollout ran.</summary>
    /// <param name="exampleId">The example the rollout ran on.</param>
    /// <param name="output">The output node, or <see langword="null"/> when the rollout recorded none.</param>
    /// <param name="maxValueLength">The longest value text kept; longer ones are cut with a marker.</param>
    public static GraphRecord From(string exampleId, Node? output, int maxValueLength = 200)
    {
        if (output is null) return new GraphRecord(exampleId, -1, []);
        var packed = GraphTransport.Pack(output);
        var nodes = packed.Nodes.Select((node, id) => new GraphNodeRecord(
            id,
            node.Kind,
            node.Name,
            node.Type,
            ValueJson.Truncate(node.Value, maxValueLength),
            [.. node.Inputs, .. node.Dependencies, .. node.Receiver >= 0 ? [node.Receiver] : Array.Empty<int>(), .. node.Decision >= 0 ? [node.Decision] : Array.Empty<int>(),
                .. node.Cause >= 0 ? [node.Cause] : Array.Empty<int>()],
            node.Kind == "parameter")).ToList();
        return new GraphRecord(exampleId, packed.Output, nodes);
    }
}

/// <summary>A node of a <see cref="GraphRecord"/>.</summary>
/// <param name="Id">Its position in the graph's list.</param>
/// <param name="Kind">parameter, call, exception, input, collection, glue, decision or value.</param>
/// <param name="Name">Its name in the graph, such as <c>classify0</c>.</param>
/// <param name="Type">Its value's C# type.</param>
/// <param name="Value">Its value as the optimizer shows it (JSON), cut short.</param>
/// <param name="Parents">The ids of the nodes it was computed from.</param>
/// <param name="Trainable">Whether it is a trainable parameter.</param>
public sealed record GraphNodeRecord(int Id, string Kind, string Name, string Type, string Value, IReadOnlyList<int> Parents, bool Trainable);
