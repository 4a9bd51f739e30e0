namespace Opto.Backward;

/// <summary>
/// A node's position in an ancestry being built. Nodes recorded in the output's graph are found by their index in it,
/// and parameters by their serial number, in pooled arrays (no hashing, and a chain is walked in memory order); each
/// array also records which node holds each index, so a node of another graph that has the same index is told apart
/// and kept in a dictionary, as are hand-made nodes, which belong to no graph.
/// </summary>
internal sealed class NodePositions : IDisposable
{
    private readonly IndexedPositions _graphNodes;
    private readonly IndexedPositions _parameters;
    private readonly Dictionary<Node, int> _others = new(ReferenceEqualityComparer.Instance);

    /// <param name="output">The output: its graph's nodes that it depends on were recorded before it, at lower indices.</param>
    public NodePositions(Node output)
    {
        _graphNodes = new IndexedPositions(output.GraphIndex + 1);
        _parameters = new IndexedPositions(ParameterNode.Created);
    }

    /// <summary>Marks the node as entered; false if it already was.</summary>
    public bool Enter(Node node) => Slots(node).Enter(node, IndexOf(node)) switch
    {
        IndexedPositions.Outcome.Entered => true,
        IndexedPositions.Outcome.AlreadyEntered => false,
        _ => _others.TryAdd(node, IndexedPositions.Unplaced),
    };

    public void Place(Node node, int position)
    {
        if (!Slots(node).TryPlace(node, IndexOf(node), position)) _others[node] = position;
    }

    public int PositionOf(Node node) => Slots(node).TryFind(node, IndexOf(node), out var position) ? position : _others[node];

    public void Dispose()
    {
        _graphNodes.Dispose();
        _parameters.Dispose();
    }

    private IndexedPositions Slots(Node node) => node is ParameterNode ? _parameters : _graphNodes;

    private static int IndexOf(Node node) => node is ParameterNode parameter ? parameter.Serial : node.GraphIndex;
}
