using System.Globalization;
using System.Text;
using Opto.Backward;

namespace Opto.Optimizers;

/// <summary>
/// Turns the feedback the parameters received into an OptoPrime problem: the union of their subgraphs, each node
/// shown once, under a name unique in the problem.
/// </summary>
internal sealed partial class ProblemBuilder
{
    private readonly IReadOnlyList<ParameterNode> _trainableInOrder;
    private readonly HashSet<ParameterNode> _trainable;
    private readonly int _maxValueLength;
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<Node, int> _positions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, string> _names = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly List<(Node Output, string Feedback)> _outputs = [];
    private ProblemSections _hidden;

    // Per position in _nodes, set when rendering starts: whether the node is a variable, a line of #Code, an output.
    private bool[] _variableAt = [];
    private bool[] _codeAt = [];
    private bool[] _outputAt = [];

    private ProblemBuilder(IReadOnlyList<ParameterNode> trainable, Func<ParameterNode, string> nameOf, int maxValueLength)
    {
        _trainableInOrder = trainable;
        _trainable = new HashSet<ParameterNode>(trainable, ReferenceEqualityComparer.Instance);
        _maxValueLength = maxValueLength;

        // The variables keep the optimizer's names exactly (the model suggests values by them); other nodes give way.
        foreach (var parameter in trainable)
        {
            var name = nameOf(parameter);
            _names.Add(parameter, name);
            _usedNames.Add(name);
        }
    }

    /// <summary>The problem for the feedback the parameters hold, each variable under the name <paramref name="nameOf"/> gives it.</summary>
    /// <param name="parameters">The variables.</param>
    /// <param name="nameOf">The name the model knows each variable by.</param>
    /// <param name="objective">The #Instruction.</param>
    /// <param name="maxValueLength">The longest value shown, in characters, except the variables'.</param>
    /// <param name="hidden">The sections the prompt leaves out.</param>
    /// <param name="budget">The tokens the problem may take; <see langword="null"/> for no limit.</param>
    public static ProblemInstance Build(
        IReadOnlyList<ParameterNode> parameters, Func<ParameterNode, string> nameOf, string objective, int maxValueLength, ProblemSections hidden, PromptBudget? budget)
    {
        var builder = new ProblemBuilder(parameters, nameOf, maxValueLength) { _hidden = hidden };
        builder.AddPasses(parameters);
        return builder.Render(objective, budget);
    }

    /// <summary>The variables' current values as the model sees them, one per line (for the memory of past steps).</summary>
    public static string Variables(IEnumerable<ParameterNode> parameters, Func<ParameterNode, string> nameOf) =>
        string.Join("\n", parameters.Select(p => Assignment(TypeNames.Display(p.ValueType), nameOf(p), ValueJson.Format(p.Value, p.ValueType))));

    // How a value is shown everywhere in the problem: `(type) name=json`.
    private static string Assignment(string type, string name, string json) => $"({type}) {name}={json}";

    /// <summary>The feedback the parameters received, as #Feedback shows it.</summary>
    public static string Feedback(IEnumerable<ParameterNode> parameters)
    {
        var builder = new ProblemBuilder([], static p => p.Name, int.MaxValue);
        foreach (var (pass, _) in PassesOf(parameters)) builder.AddOutput(pass.Output, pass.Feedback);
        return builder.RenderFeedback();
    }

    // The backward passes the parameters' feedback came from, in the order the parameters first name them, each with
    // the positions of the parameters it reached among these: one pass is shown once, however many parameters it reached.
    internal static List<(BackwardPass Pass, List<int> Positions)> PassesOf(IEnumerable<ParameterNode> parameters)
    {
        var passes = new List<(BackwardPass Pass, List<int> Positions)>();
        var index = new Dictionary<BackwardPass, int>(ReferenceEqualityComparer.Instance);
        foreach (var parameter in parameters)
        {
            var marks = parameter.Marks;
            for (var m = 0; m < marks.Count; m++)
            {
                var (pass, position) = marks[m];
                if (!index.TryGetValue(pass, out var i))
                {
                    i = passes.Count;
                    index.Add(pass, i);
                    passes.Add((pass, []));
                }

                passes[i].Positions.Add(position);
            }
        }

        return passes;
    }

    private void AddPasses(IEnumerable<ParameterNode> parameters)
    {
        var passes = PassesOf(parameters);
        foreach (var (pass, positions) in passes)
        {
            foreach (var node in pass.UnionOf(positions))
            {
                if (_positions.TryAdd(node, _nodes.Count)) _nodes.Add(node);
            }

            // The union ends with the output: every parameter of a pass is one of its ancestors.
            AddOutput(pass.Output, pass.Feedback);
        }

        // One union is in topological order; appending others can put a shared node before parents they add.
        if (passes.Count > 1) MergedOrder.Restore(_nodes, _positions);
    }

    private void AddOutput(Node output, string feedback)
    {
        if (!_outputs.Exists(o => ReferenceEquals(o.Output, output) && o.Feedback == feedback)) _outputs.Add((output, feedback));
    }

    private ProblemInstance Render(string objective, PromptBudget? budget)
    {
        ClassifyNodes();
        var commonReads = CommonReads();
        var variables = new StringBuilder();
        var constraints = new StringBuilder();

        // The variables in the optimizer's order, whatever the shape of the graph.
        foreach (var parameter in _trainableInOrder)
        {
            if (!_positions.ContainsKey(parameter)) continue;
            if (parameter.IsCode) CodeLine(variables, parameter);
            else variables.Append(ValueLine(parameter, int.MaxValue));
            if (ConstraintText(parameter) is { } constraint) constraints.Append(NameOf(parameter)).Append(": ").Append(constraint).Append('\n');
        }

        var fixedSections = new FixedSections(objective, variables.ToString(), constraints.ToString(), RenderFeedback());
        if (budget is null) return Render(fixedSections, commonReads, kept: null);
        return Compact(budget, fixedSections, commonReads);
    }

    private ProblemInstance Render(FixedSections fixedSections, Dictionary<string, string> commonReads, bool[]? kept)
    {
        var code = new StringBuilder();
        var documentation = new StringBuilder();
        var inputs = new StringBuilder();
        var others = new StringBuilder();
        var outputs = new StringBuilder();
        var documented = new HashSet<string>(StringComparer.Ordinal);
        var elided = new ElidedRun();

        for (var i = 0; i < _nodes.Count; i++)
        {
            if (_variableAt[i]) continue;
            var node = _nodes[i];
            var shownAsCode = _codeAt[i];
            if (kept is not null && !kept[i] && !_outputAt[i])
            {
                elided.Add(node, shownAsCode);
                continue;
            }

            elided.Flush(code, others, inputs);
            if (shownAsCode)
            {
                code.Append(CodeText(node, commonReads));
                if (node is MessageNode message && documented.Add(message.Operator.Key))
                {
                    documentation.Append('[').Append(message.Operator.MethodName).Append("] ")
                        .Append(message.Operator.Description ?? "(no documentation)");
                    if (commonReads.GetValueOrDefault(message.Operator.Key) is { } sharedReads) documentation.Append("  // reads ").Append(sharedReads);
                    documentation.Append('\n');
                }
            }

            if (_outputAt[i]) outputs.Append(ValueLine(node, _maxValueLength));
            // A condition has no value of its own: its line of #Code says what it read.
            else if (node is not DecisionNode) (shownAsCode ? others : inputs).Append(ValueLine(node, _maxValueLength));
        }

        elided.Flush(code, others, inputs);
        return new ProblemInstance(fixedSections.Objective, code.ToString(), documentation.ToString(), fixedSections.Variables, fixedSections.Constraints,
            inputs.ToString(), others.ToString(), outputs.ToString(), fixedSections.Feedback);
    }

    // A call, glue, collection or condition whose every input is shown is a line of #Code; any other node is a value in #Inputs.
    private void ClassifyNodes()
    {
        _variableAt = new bool[_nodes.Count];
        _codeAt = new bool[_nodes.Count];
        _outputAt = new bool[_nodes.Count];
        for (var i = 0; i < _nodes.Count; i++)
        {
            var node = _nodes[i];
            _variableAt[i] = node is ParameterNode parameter && _trainable.Contains(parameter);
            _codeAt[i] = node is MessageNode or GlueNode or CollectionNode or DecisionNode && AllParentsShown(node);
        }

        foreach (var (output, _) in _outputs) _outputAt[_positions[output]] = true;
    }

    private string RenderFeedback()
    {
        if (_outputs.Count == 0) return "";
        if (_outputs.Select(o => o.Feedback).Distinct(StringComparer.Ordinal).Count() == 1 && _outputs.Count == 1) return _outputs[0].Feedback + "\n";
        var builder = new StringBuilder();
        foreach (var (output, feedback) in _outputs) builder.Append("On ").Append(NameOf(output)).Append(": ").Append(feedback).Append('\n');
        return builder.ToString();
    }

    private bool AllParentsShown(Node message)
    {
        for (var i = 0; i < message.ParentCount; i++)
        {
            if (!_positions.ContainsKey(message.GetParent(i))) return false;
        }

        return true;
    }

    // What every shown call of a method reads, for the methods called more than once that read the same variables at
    // every call: said once on the method's #Documentation line instead of on each call.
    private Dictionary<string, string> CommonReads()
    {
        // With #Documentation hidden, each call keeps its own comment.
        if ((_hidden & ProblemSections.Documentation) != 0) return new(StringComparer.Ordinal);

        var reads = new Dictionary<string, (IReadOnlyList<ParameterNode>? Reads, int Calls)>(StringComparer.Ordinal);
        for (var i = 0; i < _nodes.Count; i++)
        {
            if (!_codeAt[i] || _nodes[i] is not MessageNode message) continue;
            var dependencies = message.HiddenDependencies.Count == 0 ? null : message.HiddenDependencies;
            if (!reads.TryGetValue(message.Operator.Key, out var seen)) reads[message.Operator.Key] = (dependencies, 1);
            else reads[message.Operator.Key] = (SameNodes(seen.Reads, dependencies) ? seen.Reads : null, seen.Calls + 1);
        }

        return reads.Where(r => r.Value.Calls > 1 && r.Value.Reads is not null)
            .ToDictionary(r => r.Key, r => string.Join(", ", r.Value.Reads!.Select(NameOf)), StringComparer.Ordinal);
    }

    private static bool SameNodes(IReadOnlyList<ParameterNode>? a, IReadOnlyList<ParameterNode>? b)
    {
        if (a is null || b is null || a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i])) return false;
        }

        return true;
    }

    private string CodeText(Node node, Dictionary<string, string> commonReads) => node switch
    {
        MessageNode message => CallText(message, showReads: !commonReads.ContainsKey(message.Operator.Key)),
        GlueNode glue => $"{NameOf(glue)} = {glue.Expression}  // glue code over {string.Join(", ", glue.Parents.Select(NameOf))}\n",
        CollectionNode collection => CollectionText(collection),
        DecisionNode decision => $"{NameOf(decision)} = {decision.Expression}  // a condition over {string.Join(", ", decision.Parents.Select(NameOf))} that decided whether a call ran\n",
        _ => "",
    };

    private string CallText(MessageNode message, bool showReads)
    {
        var code = new StringBuilder();
        code.Append(NameOf(message)).Append(" = ");
        // A method called on an object a traced call produced is shown called on it: `summary0 = load0.Summarize(...)`.
        if (message.Receiver is { } receiver) code.Append(NameOf(receiver)).Append('.');
        code.Append(message.Operator.MethodName).Append('(');
        var inputs = message.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (i > 0) code.Append(", ");
            code.Append(inputs[i].Key).Append('=').Append(NameOf(inputs[i].Value));
        }

        code.Append(')');
        var comments = new List<string>();
        if (showReads && message.HiddenDependencies.Count > 0) comments.Add("reads " + string.Join(", ", message.HiddenDependencies.Select(NameOf)));
        if (message.Decision is { } decision) comments.Add($"{NameOf(decision)} decided whether it ran");
        if (message is ExceptionNode thrown)
        {
            var cause = thrown.Cause;
            var typeName = thrown.Exception is Transport.TransportedException transported ? transported.TypeName : thrown.Exception.GetType().Name;
            comments.Add($"threw {typeName}" + (cause is null ? "" : $" (from {NameOf(cause)})"));
        }

        if (comments.Count > 0) code.Append("  // ").Append(string.Join("; ", comments));
        return code.Append('\n').ToString();
    }

    private string CollectionText(CollectionNode collection)
    {
        var code = new StringBuilder();
        code.Append(NameOf(collection)).Append(" = [").Append(string.Join(", ", collection.Elements.Select(NameOf))).Append(']');
        if (collection.Elements.Count != collection.Count)
        {
            code.Append("  // ").Append(collection.Elements.Count.ToString(CultureInfo.InvariantCulture)).Append(" of ")
                .Append(collection.Count.ToString(CultureInfo.InvariantCulture)).Append(" elements came from traced calls or parameters");
        }

        return code.Append('\n').ToString();
    }

    private void CodeLine(StringBuilder section, ParameterNode code) => section.Append(CodeLine(NameOf(code), code)).Append('\n');

    private string ValueLine(Node node, int maxLength) => ValueLine(NameOf(node), node, maxLength) + "\n";

    /// <summary>Code shown as code, not as a JSON string: the model reads and rewrites it.</summary>
    internal static string CodeLine(string name, ParameterNode code) => $"(code) {name}=\n```csharp\n{((string)code.Value!).TrimEnd()}\n```";

    /// <summary>A value as every prompt shows it: <c>(type) name=json</c>, the JSON cut at <paramref name="maxLength"/>.</summary>
    internal static string ValueLine(string name, Node node, int maxLength) =>
        Assignment(TypeText(node), name, ValueJson.Truncate(ValueJson.Format(node.Value, node.ValueType), maxLength));

    // A node recorded in another process shows the type it had there.
    private static string TypeText(Node node) => node.Value switch
    {
        Transport.TransportedValue shown => shown.Type,
        Transport.TransportedException thrown => thrown.Shown.Type,
        _ => TypeNames.Display(node.ValueType),
    };

    /// <summary>A variable's description and constraint as #Constraints shows them, or <see langword="null"/>.</summary>
    internal static string? ConstraintText(ParameterNode parameter) =>
        (parameter.Description, parameter.Constraint) switch
        {
            (null, null) => null,
            ({ } d, null) => d,
            (null, { } c) => c,
            ({ } d, { } c) => $"{d} Constraint: {c}",
        };

    // Names are unique within one graph; nodes of different graphs (separate rollouts) may share one, so later
    // ones get a suffix.
    private string NameOf(Node node)
    {
        if (_names.TryGetValue(node, out var name)) return name;
        if (_tentativeNames) return node.Name;
        name = node.Name;
        for (var k = 2; !_usedNames.Add(name); k++) name = node.Name + "_" + k.ToString(CultureInfo.InvariantCulture);
        _names.Add(node, name);
        return name;
    }
}
