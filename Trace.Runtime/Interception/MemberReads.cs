using System.Collections;

namespace Opto.Interception;

/// <summary>
/// The members of its arguments a traced call's body reads (see <see cref="TracedCall.ReadsMember"/>), as they were when the
/// call started: for each, the nodes of what traced calls made there (an object set in it, the elements added to a
/// collection it holds). An input, a parameter's value, or what no call made adds nothing.
/// </summary>
internal sealed class MemberReads
{
    private readonly List<(int Index, string Member, Node Source)> _sources = [];

    /// <summary>Remembers where what the member <paramref name="member"/> of argument <paramref name="index"/> holds came from.</summary>
    public void Read(TraceGraph graph, int index, string member, object? value)
    {
        if (value is null) return;
        if (value is not string && value is IEnumerable collection && StoredElements.CanRead(collection))
        {
            foreach (var element in FilledArguments.Read(collection) ?? []) Add(graph, index, member, element.Element);
            return;
        }

        Add(graph, index, member, value);
    }

    /// <summary>The nodes the argument <paramref name="index"/>'s members came from, other than <paramref name="argument"/> and its own parents; null for none.</summary>
    public List<Node>? Sources(int index, Node argument)
    {
        List<Node>? found = null;
        foreach (var (at, _, source) in _sources)
        {
            if (at != index || ReferenceEquals(source, argument) || IsParentOf(source, argument) || found?.Contains(source) == true) continue;
            (found ??= []).Add(source);
        }

        return found;
    }

    /// <summary>How the argument is shown as read: <c>f { Docs, Steps }</c>, the members it linked through.</summary>
    public string Expression(int index, string parameter) =>
        $"{parameter} {{ {string.Join(", ", _sources.Where(s => s.Index == index).Select(s => s.Member).Distinct())} }}";

    private void Add(TraceGraph graph, int index, string member, object value)
    {
        if (!TracedCall.IsLinkableElement(value) || graph.Known(value) is not { } node || node is InputNode or ParameterNode) return;
        _sources.Add((index, member, node));
    }

    private static bool IsParentOf(Node node, Node child)
    {
        for (var i = 0; i < child.ParentCount; i++)
        {
            if (ReferenceEquals(child.GetParent(i), node)) return true;
        }

        return false;
    }
}
