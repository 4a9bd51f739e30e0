using Opto.Optimizers;

namespace Opto.Transport;

/// <summary>
/// Carries a rollout's graph to another process and back: <see cref="Pack"/> where the rollout ran, <see cref="Unpack"/>
/// where the optimizer runs. Backward from the unpacked output reaches that process's parameters (matched by name),
/// and an optimizer shows the model exactly the problem it would have shown in the process the rollout ran in.
/// </summary>
public static class GraphTransport
{
    /// <summary>The output and everything it came from, as plain data.</summary>
    /// <param name="output">A rollout's output node.</param>
    public static PackedGraph Pack(Node output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var order = Backward.Ancestry.Of(output).Nodes;
        var position = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        var nodes = new List<PackedNode>(order.Length);
        foreach (var node in order)
        {
            position[node] = nodes.Count;
            nodes.Add(PackOne(node, position));
        }

        return new PackedGraph(nodes, position[output]);
    }

    /// <summary>Rebuilds a packed graph here; its parameters become the given parameters of the same names.</summary>
    /// <param name="graph">A graph <see cref="Pack"/> made, in this process or another.</param>
    /// <param name="parameters">This process's parameters, such as an optimizer's.</param>
    /// <exception cref="ArgumentException">The graph is not well formed (a parent after its child, a position out of range).</exception>
    public static UnpackedGraph Unpack(PackedGraph graph, IEnumerable<ParameterNode> parameters)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(parameters);
        var byName = new Dictionary<string, ParameterNode>(StringComparer.Ordinal);
        foreach (var parameter in parameters) byName.TryAdd(parameter.Name, parameter);
        var nodes = new Node[graph.Nodes.Count];
        var unmatched = new List<string>();
        if (graph.Nodes is null) throw new ArgumentException("The packed graph has no nodes.", nameof(graph));
        if (graph.Format != PackedGraph.CurrentFormat)
        {
            throw new ArgumentException($"The graph was packed in form {graph.Format}; this version of the library reads form {PackedGraph.CurrentFormat}. Run the same library version where rollouts run and where the trainer runs.", nameof(graph));
        }
        for (var i = 0; i < nodes.Length; i++)
        {
            var packed = graph.Nodes[i];
            Node Parent(int index) => index >= 0 && index < i ? nodes[index] : throw new ArgumentException($"Node {i} of the packed graph names node {index} as a parent, which does not come before it.", nameof(graph));
            nodes[i] = UnpackOne(packed, Parent, byName, unmatched);
        }

        if (graph.Output < 0 || graph.Output >= nodes.Length) throw new ArgumentException($"The packed graph's output ({graph.Output}) is not one of its {nodes.Length} nodes.", nameof(graph));
        return new UnpackedGraph(nodes[graph.Output], unmatched);
    }

    private static PackedNode PackOne(Node node, Dictionary<Node, int> position)
    {
        // A node rebuilt from another process packs as it came: its type as it was shown there.
        var type = node.Value switch
        {
            TransportedValue shown => shown.Type,
            TransportedException thrown => thrown.Shown.Type,
            _ => TypeNames.Display(node.ValueType),
        };
        var value = ValueJson.Format(node.Value, node.ValueType);
        var clrType = node.ValueType.AssemblyQualifiedName;
        int[] At(IEnumerable<Node> parents) => [.. parents.Select(p => position[p])];
        int ReceiverOf(MessageNode call) => call.Receiver is { } receiver ? position[receiver] : -1;
        int DecisionOf(MessageNode call) => call.Decision is { } decision ? position[decision] : -1;
        switch (node)
        {
            case ParameterNode parameter:
                return new PackedNode("parameter", parameter.Name, 0, type, clrType, value, [], [], -1, null, null, 0);
            case ExceptionNode thrown:
                var inputs = thrown.Inputs.Select(i => i.Value).ToList();
                var cause = thrown.Cause is { } from ? position[from] : -1;
                var exceptionType = thrown.Exception is TransportedException transported ? transported.TypeName : thrown.Exception.GetType().Name;
                return new PackedNode("exception", node.NameBase, node.NameOrdinal, type, clrType, value, At(inputs), At(thrown.HiddenDependencies), cause,
                    Operator(thrown.Operator), null, 0, exceptionType, thrown.Exception.Message, ReceiverOf(thrown), DecisionOf(thrown));
            case MessageNode call:
                return new PackedNode("call", node.NameBase, node.NameOrdinal, type, clrType, value, At(call.Inputs.Select(i => i.Value)), At(call.HiddenDependencies), -1,
                    Operator(call.Operator), null, 0, Receiver: ReceiverOf(call), Decision: DecisionOf(call));
            case GlueNode glue:
                return new PackedNode("glue", node.NameBase, node.NameOrdinal, type, clrType, value, At(glue.Parents), [], -1, null, glue.Expression, 0);
            case DecisionNode decision:
                return new PackedNode("decision", node.NameBase, node.NameOrdinal, type, clrType, value, At(decision.Parents), [], -1, null, decision.Expression, 0);
            case CollectionNode collection:
                return new PackedNode("collection", node.NameBase, node.NameOrdinal, type, clrType, value, At(collection.Elements), [], -1, null, null, collection.Count);
            case InputNode:
                return new PackedNode("input", node.NameBase, node.NameOrdinal, type, clrType, value, [], [], -1, null, null, 0);
            default:
                return new PackedNode("value", node.Name, 0, type, clrType, value, At(node.Parents), [], -1, null, null, 0);
        }
    }

    private static PackedOperator Operator(OperatorInfo op) =>
        new(op.Key, op.MethodName, [.. op.ParameterNames], op.ResultType.AssemblyQualifiedName ?? op.ResultType.FullName ?? op.ResultType.Name, op.Description);

    private static Node UnpackOne(PackedNode packed, Func<int, Node> parent, Dictionary<string, ParameterNode> parameters, List<string> unmatched)
    {
        var shown = new TransportedValue(packed.Type, packed.Value);
        Node[] Nodes(IReadOnlyList<int> positions) => [.. positions.Select(parent)];
        switch (packed.Kind)
        {
            case "parameter":
                if (parameters.TryGetValue(packed.BaseName, out var local)) return local;
                // A parameter this process does not train: a stand-in of the same name, shown and reached as it was there.
                unmatched.Add(packed.BaseName);
                return new Parameter<TransportedValue>(shown, packed.BaseName);
            case "call" or "exception" when packed.Operator is null || packed.Operator.ParameterNames.Count != packed.Inputs.Count:
                throw new ArgumentException($"The packed {packed.Kind} '{packed.Name}' has no method, or not one name for each of its inputs.", nameof(packed));
            case "call":
                return new MessageNode(Operator(packed.Operator), packed.Ordinal, Nodes(packed.Inputs), Receiver(packed, parent), Decision(packed, parent), Dependencies(packed, parent), shown);
            case "exception":
                var exception = new TransportedException(packed.ExceptionType ?? "Exception", packed.ExceptionMessage ?? "", packed.Type, packed.Value);
                return new ExceptionNode(Operator(packed.Operator), packed.Ordinal, Nodes(packed.Inputs), Receiver(packed, parent), Decision(packed, parent), Dependencies(packed, parent), exception,
                    packed.Cause >= 0 ? parent(packed.Cause) : null);
            case "glue":
                return new GlueNode(packed.BaseName, packed.Ordinal, packed.Expression ?? "", shown, TypeOf(packed.ClrType), Nodes(packed.Inputs));
            case "decision" when packed.Inputs.Count == 0:
                throw new ArgumentException($"The packed decision '{packed.Name}' reads no node.", nameof(packed));
            case "decision":
                var read = Nodes(packed.Inputs);
                return new DecisionNode(packed.Ordinal, packed.Expression ?? "", read[0], read.Length > 1 ? [.. read] : null);
            case "collection":
                return new CollectionNode(packed.BaseName, packed.Ordinal, shown, TypeOf(packed.ClrType), Nodes(packed.Inputs), packed.Count);
            case "input":
                return new InputNode(packed.BaseName, packed.Ordinal, shown, TypeOf(packed.ClrType));
            case "value":
                return new Node<TransportedValue>(shown, packed.BaseName);
            default:
                throw new ArgumentException($"The packed node '{packed.BaseName}' is of a kind this version does not know: '{packed.Kind}'.", nameof(packed));
        }
    }

    private static Node? Receiver(PackedNode packed, Func<int, Node> parent) => packed.Receiver >= 0 ? parent(packed.Receiver) : null;

    private static DecisionNode? Decision(PackedNode packed, Func<int, Node> parent) =>
        packed.Decision < 0 ? null
        : parent(packed.Decision) as DecisionNode ?? throw new ArgumentException($"The decision of '{packed.Name}' is not a decision node.", nameof(packed));

    private static ParameterNode[] Dependencies(PackedNode packed, Func<int, Node> parent) =>
        [.. packed.Dependencies.Select(parent).Select(d => d as ParameterNode ?? throw new ArgumentException($"A dependency of '{packed.Name}' is not a parameter.", nameof(packed)))];

    private static OperatorInfo Operator(PackedOperator op) =>
        new(op.Key, op.MethodName, [.. op.ParameterNames], TypeOf(op.ResultType), op.Description);

    private static Type TypeOf(string? name) => name is null ? typeof(object) : Type.GetType(name, throwOnError: false) ?? typeof(object);
}
