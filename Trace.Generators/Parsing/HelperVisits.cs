using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// How the helpers a traced body uses are read, one walk of one traced method: shared by the generator, which records what
/// they read, and the analyzer, which reports what it cannot follow, so that both read the same helpers the same way.
/// A helper called with arguments is read with them (<see cref="HelperArguments"/>), once per helper and objects passed;
/// reached again at a shallower depth it is read again, since a deeper read may have stopped following arguments. Past
/// <see cref="MaxDepth"/> helpers, or into a call of a helper being read, it is read without them, as helpers used
/// without a call to follow are (method groups, getters): once, for what it reads through its object or statically.
/// </summary>
internal sealed class HelperVisits
{
    /// <summary>How many helpers deep a call's arguments are followed (the first helper a traced body calls is at depth 1).</summary>
    public const int MaxDepth = 8;

    private readonly Dictionary<HelperArguments, int> _readAt = [];
    private readonly HashSet<ISymbol> _active = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _readWithoutArguments = new(SymbolEqualityComparer.Default);

    /// <summary>How a helper call is to be read.</summary>
    public enum Reading
    {
        /// <summary>Already read with these objects, at this depth or shallower.</summary>
        Skip,

        /// <summary>With its arguments; call <see cref="Leave"/> when done.</summary>
        WithArguments,

        /// <summary>Without them (see <see cref="EnterWithoutArguments"/>).</summary>
        WithoutArguments,
    }

    /// <summary>How to read a call of <paramref name="body"/> (the helper's implementation part) at <paramref name="depth"/>.</summary>
    public Reading Enter(HelperArguments arguments, IMethodSymbol body, int depth)
    {
        if (_readAt.TryGetValue(arguments, out var readAt) && readAt <= depth) return Reading.Skip;
        _readAt[arguments] = depth;
        return depth > MaxDepth || !_active.Add(body.OriginalDefinition) ? Reading.WithoutArguments : Reading.WithArguments;
    }

    /// <summary>The end of a read <see cref="Enter"/> allowed with arguments.</summary>
    public void Leave(IMethodSymbol body) => _active.Remove(body.OriginalDefinition);

    /// <summary>Whether <paramref name="member"/> (its implementation part) is still to be read without arguments.</summary>
    public bool EnterWithoutArguments(ISymbol member) => _readWithoutArguments.Add(member.OriginalDefinition);
}
