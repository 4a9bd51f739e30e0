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

    // Counted by operator (a reference, cheap to hash), named when written.
    private readonly Dictionary<object, int> _calls = new(ReferenceEqualityComparer.Instance);
    private int _callCount;
    private int _inputs;

    public void Add(Node node, bool shownAsCode)
    {
        if (!shownAsCode)
        {
            _inputs++;
            return;
        }

        _callCount++;
        var what = node switch
        {
            MessageNode message => message.Operator,
            GlueNode => s_glue,
            _ => s_collection,
        };
        _calls[what] = _calls.GetValueOrDefault(what) + 1;
    }

    private static string NameOf(object what) => what switch
    {
        OperatorInfo op => op.MethodName,
        _ when ReferenceEquals(what, s_glue) => "glue code",
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

        // Every call left out of #Code is a value left out of #Others.
        if (_callCount > 0) others.Append(CultureInfo.InvariantCulture, $"... {_callCount:N0} intermediate {(_callCount == 1 ? "value" : "values")} left out\n");
        if (_inputs > 0) inputs.Append(CultureInfo.InvariantCulture, $"... {_inputs:N0} {(_inputs == 1 ? "input" : "inputs")} left out\n");
        _calls.Clear();
        _callCount = _inputs = 0;
    }
}
