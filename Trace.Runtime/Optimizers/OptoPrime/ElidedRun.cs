using System.Globalization;
using System.Text;

namespace Opto.Optimizers;

/// <summary>
/// Nodes left out of a compacted problem since the last one shown: written as one marker per section that says how
/// many were left out and, for calls, which methods they were.
/// </summary>
internal sealed class ElidedRun
{
    private const int MethodsNamed = 5;
    private static readonly object s_glue = new();
    private static readonly object s_collection = new();
    private static readonly object s_decision = new();

    // Counted by operator (a reference, cheap to hash), named when written.
    private readonly Dictionary<object, int> _calls = new(ReferenceEqualityComparer.Instance);
    private int _callCount;
    private int _decisionCount;
    private int _inputs;

    public void Add(Node node, bool shownAsCode)
    {
        if (!shownAsCode)
        {
            _inputs++;
            return;
        }

        _callCount++;
        if (node is DecisionNode) _decisionCount++;
        var what = node switch
        {
            MessageNode message => message.Operator,
            GlueNode => s_glue,
            DecisionNode => s_decision,
            _ => s_collection,
        };
        _calls[what] = _calls.GetValueOrDefault(what) + 1;
    }

    private static string NameOf(object what) => what switch
    {
        OperatorInfo op => op.MethodName,
        _ when ReferenceEquals(what, s_glue) => "glue code",
        _ when ReferenceEquals(what, s_decision) => "conditions",
        _ => "collections",
    };

    public void Flush(StringBuilder code, StringBuilder others, StringBuilder inputs)
    {
        if (_callCount > 0)
        {
            var methods = _calls.Select(c => (Name: NameOf(c.Key), Count: c.Value))
                .GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => (Name: g.Key, Count: g.Sum(c => c.Count)))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
            var named = methods.Take(MethodsNamed).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} ×{c.Count:N0}"));
            code.Append(CultureInfo.InvariantCulture, $"... {_callCount:N0} {(_callCount == 1 ? "call" : "calls")} left out to fit the prompt's token budget: {string.Join(", ", named)}")
                .Append(methods.Count > MethodsNamed ? ", and others\n" : "\n");
        }

        // Every call left out of #Code is a value left out of #Others (a condition has no value of its own).
        var values = _callCount - _decisionCount;
        if (values > 0) others.Append(CultureInfo.InvariantCulture, $"... {values:N0} intermediate {(values == 1 ? "value" : "values")} left out\n");
        if (_inputs > 0) inputs.Append(CultureInfo.InvariantCulture, $"... {_inputs:N0} {(_inputs == 1 ? "input" : "inputs")} left out\n");
        _calls.Clear();
        _callCount = _decisionCount = _inputs = 0;
    }
}
