using System.Globalization;
using System.Text;
using Opto.Backward;

namespace Opto.Optimizers;

/// <summary>
/// Turns the feedback the parameters received into an OptoPrime problem: the union of their subgraphs, each node
/// shown once, under a name unique in the problem.
/// </summary>
internal sealed class ProblemBuilder
{
    private readonly IReadOnlyList<ParameterNode> _trainableInOrder;
    private readonly HashSet<ParameterNode> _trainable;
    private readonly int _maxValueLength;
    private readonly List<Node> _nodes = [];
    private readonly HashSet<Node> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, string> _names = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly List<(Node Output, string Feedback)> _outputs = [];

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
    public static ProblemInstance Build(IReadOnlyList<ParameterNode> parameters, Func<ParameterNode, string> nameOf, string objective, int maxValueLength)
    {
        var builder = new ProblemBuilder(parameters, nameOf, maxValueLength);
        builder.AddPasses(parameters);
        return builder.Render(objective);
    }

    /// <summary>The variables' current values as the model sees them, one per line (for the memory of past steps).</summary>
    public static string Variables(IEnumerable<ParameterNode> parameters, Func<ParameterNode, string> nameOf) =>
        string.Join("\n", parameters.Select(p => $"({TypeNames.Display(p.ValueType)}) {nameOf(p)}={ValueJson.Format(p.Value, p.ValueType)}"));

    /// <summary>The feedback the parameters received, as #Feedback shows it.</summary>
    public static string Feedback(IEnumerable<ParameterNode> parameters)
    {
        var builder = new ProblemBuilder([], static p => p.Name, int.MaxValue);
        foreach (var (pass, _) in PassesOf(parameters)) builder.AddOutput(pass.Output, pass.Feedback);
        return builder.RenderFeedback();
    }

    // The backward passes the parameters' feedback came from, in the order the parameters first name them, each with
    // the positions of the parameters it reached among these: one pass is shown once, however many parameters it reached.
    private static List<(BackwardPass Pass, List<int> Positions)> PassesOf(IEnumerable<ParameterNode> parameters)
    {
        var passes = new List<(BackwardPass Pass, List<int> Positions)>();
        var index = new Dictionary<BackwardPass, int>(ReferenceEqualityComparer.Instance);
        foreach (var parameter in parameters)
        {
            foreach (var entry in parameter.Feedback)
            {
                if (!index.TryGetValue(entry.Graph.Pass, out var i))
                {
                    i = passes.Count;
                    index.Add(entry.Graph.Pass, i);
                    passes.Add((entry.Graph.Pass, []));
                }

                passes[i].Positions.Add(entry.Graph.ParameterPosition);
            }
        }

        return passes;
    }

    private void AddPasses(IEnumerable<ParameterNode> parameters)
    {
        // Append-merge keeps a topological order: each union lists parents first, and a node already present came
        // from an earlier union whose parents were also listed first.
        foreach (var (pass, positions) in PassesOf(parameters))
        {
            foreach (var node in pass.UnionOf(positions))
            {
                if (_seen.Add(node)) _nodes.Add(node);
            }

            if (_seen.Add(pass.Output)) _nodes.Add(pass.Output);
            AddOutput(pass.Output, pass.Feedback);
        }
    }

    private void AddOutput(Node output, string feedback)
    {
        if (!_outputs.Exists(o => ReferenceEquals(o.Output, output) && o.Feedback == feedback)) _outputs.Add((output, feedback));
    }

    private ProblemInstance Render(string objective)
    {
        var code = new StringBuilder();
        var documentation = new StringBuilder();
        var variables = new StringBuilder();
        var constraints = new StringBuilder();
        var inputs = new StringBuilder();
        var others = new StringBuilder();
        var outputs = new StringBuilder();
        var documented = new HashSet<string>(StringComparer.Ordinal);
        var isOutput = new HashSet<Node>(_outputs.Select(o => o.Output), ReferenceEqualityComparer.Instance);
        var commonReads = CommonReads();

        // The variables in the optimizer's order, whatever the shape of the graph.
        foreach (var parameter in _trainableInOrder)
        {
            if (!_seen.Contains(parameter)) continue;
            if (parameter.IsCode) CodeLine(variables, parameter);
            else Line(variables, parameter, int.MaxValue);
            if (ConstraintText(parameter) is { } constraint) constraints.Append(NameOf(parameter)).Append(": ").Append(constraint).Append('\n');
        }

        foreach (var node in _nodes)
        {
            if (node is ParameterNode parameter && _trainable.Contains(parameter)) continue;

            if (node is MessageNode message && AllParentsShown(message))
            {
                var sharedReads = commonReads.GetValueOrDefault(message.Operator.Key);
                AppendCode(code, message, showReads: sharedReads is null);
                if (documented.Add(message.Operator.Key))
                {
                    documentation.Append('[').Append(message.Operator.MethodName).Append("] ")
                        .Append(message.Operator.Description ?? "(no documentation)");
                    if (sharedReads is not null) documentation.Append("  // reads ").Append(sharedReads);
                    documentation.Append('\n');
                }

                if (!isOutput.Contains(node)) Line(others, node, _maxValueLength);
            }
            else if (node is GlueNode glue && AllParentsShown(glue))
            {
                code.Append(NameOf(glue)).Append(" = ").Append(glue.Expression)
                    .Append("  // glue code over ").Append(string.Join(", ", glue.Parents.Select(NameOf))).Append('\n');
                if (!isOutput.Contains(node)) Line(others, node, _maxValueLength);
            }
            else if (node is CollectionNode collection && AllParentsShown(collection))
            {
                AppendCode(code, collection);
                if (!isOutput.Contains(node)) Line(others, node, _maxValueLength);
            }
            else if (!isOutput.Contains(node))
            {
                Line(inputs, node, _maxValueLength);
            }

            if (isOutput.Contains(node)) Line(outputs, node, _maxValueLength);
        }

        return new ProblemInstance(objective, code.ToString(), documentation.ToString(), variables.ToString(), constraints.ToString(),
            inputs.ToString(), others.ToString(), outputs.ToString(), RenderFeedback());
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
            if (!_seen.Contains(message.GetParent(i))) return false;
        }

        return true;
    }

    // What every shown call of a method reads, for the methods called more than once that read the same variables at
    // every call: said once on the method's #Documentation line instead of on each call.
    private Dictionary<string, string> CommonReads()
    {
        var reads = new Dictionary<string, (string? Text, int Calls)>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            if (node is not MessageNode message || !AllParentsShown(message)) continue;
            var text = message.HiddenDependencies.Count == 0 ? null : string.Join(", ", message.HiddenDependencies.Select(NameOf));
            if (!reads.TryGetValue(message.Operator.Key, out var seen)) reads[message.Operator.Key] = (text, 1);
            else reads[message.Operator.Key] = (seen.Text == text ? text : null, seen.Calls + 1);
        }

        return reads.Where(r => r.Value.Calls > 1 && r.Value.Text is not null).ToDictionary(r => r.Key, r => r.Value.Text!, StringComparer.Ordinal);
    }

    private void AppendCode(StringBuilder code, MessageNode message, bool showReads)
    {
        code.Append(NameOf(message)).Append(" = ").Append(message.Operator.MethodName).Append('(');
        var inputs = message.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (i > 0) code.Append(", ");
            code.Append(inputs[i].Key).Append('=').Append(NameOf(inputs[i].Value));
        }

        code.Append(')');
        var comments = new List<string>();
        if (showReads && message.HiddenDependencies.Count > 0) comments.Add("reads " + string.Join(", ", message.HiddenDependencies.Select(NameOf)));
        if (message is ExceptionNode thrown)
        {
            var cause = thrown.ParentCount > inputs.Count + message.HiddenDependencies.Count ? thrown.GetParent(thrown.ParentCount - 1) : null;
            var typeName = thrown.Exception is Transport.TransportedException transported ? transported.TypeName : thrown.Exception.GetType().Name;
            comments.Add($"threw {typeName}" + (cause is null ? "" : $" (from {NameOf(cause)})"));
        }

        if (comments.Count > 0) code.Append("  // ").Append(string.Join("; ", comments));
        code.Append('\n');
    }

    private void AppendCode(StringBuilder code, CollectionNode collection)
    {
        code.Append(NameOf(collection)).Append(" = [").Append(string.Join(", ", collection.Elements.Select(NameOf))).Append(']');
        if (collection.Elements.Count != collection.Count)
        {
            code.Append("  // ").Append(collection.Elements.Count.ToString(CultureInfo.InvariantCulture)).Append(" of ")
                .Append(collection.Count.ToString(CultureInfo.InvariantCulture)).Append(" elements came from traced calls or parameters");
        }

        code.Append('\n');
    }

    // Code is shown as code, not as a JSON string: the model reads and rewrites it.
    private void CodeLine(StringBuilder section, ParameterNode code) =>
        section.Append("(code) ").Append(NameOf(code)).Append("=\n```csharp\n").Append(((string)code.Value!).TrimEnd()).Append("\n```\n");

    private void Line(StringBuilder section, Node node, int maxLength) =>
        section.Append('(').Append(TypeText(node)).Append(") ").Append(NameOf(node)).Append('=')
            .Append(ValueJson.Truncate(ValueJson.Format(node.Value, node.ValueType), maxLength)).Append('\n');

    // A node recorded in another process shows the type it had there.
    private static string TypeText(Node node) => node.Value switch
    {
        Transport.TransportedValue shown => shown.Type,
        Transport.TransportedException thrown => thrown.Shown.Type,
        _ => TypeNames.Display(node.ValueType),
    };

    private static string? ConstraintText(ParameterNode parameter) =>
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
        name = node.Name;
        for (var k = 2; !_usedNames.Add(name); k++) name = node.Name + "_" + k.ToString(CultureInfo.InvariantCulture);
        _names.Add(node, name);
        return name;
    }
}
