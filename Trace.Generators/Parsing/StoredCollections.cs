using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// The collections whose elements tracing reads at run time to link them (the runtime's <c>StoredElements</c>): arrays and
/// the framework's collections that hold their elements, and its read-only views over one. A value of another concrete type
/// (a collection class of the program's own) is never read, since enumerating it could run the program's code where the
/// call untraced would not. An interface, a type parameter or a view is decided at run time.
/// </summary>
internal static class StoredCollections
{
    // Metadata names, as the runtime's list has them (and the frozen collections' bases, whose classes are the framework's own).
    private static readonly HashSet<string> s_read =
    [
        "System.Collections.Generic.List`1", "System.Collections.Generic.HashSet`1", "System.Collections.Generic.SortedSet`1",
        "System.Collections.Generic.LinkedList`1", "System.Collections.Generic.Queue`1", "System.Collections.Generic.Stack`1",
        "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.Dictionary`2+KeyCollection", "System.Collections.Generic.Dictionary`2+ValueCollection",
        "System.Collections.Generic.SortedDictionary`2", "System.Collections.Generic.SortedDictionary`2+KeyCollection",
        "System.Collections.Generic.SortedDictionary`2+ValueCollection", "System.Collections.Generic.SortedList`2",
        "System.Collections.ObjectModel.ObservableCollection`1", "System.ArraySegment`1",
        "System.Collections.Immutable.ImmutableArray`1", "System.Collections.Immutable.ImmutableList`1", "System.Collections.Immutable.ImmutableHashSet`1",
        "System.Collections.Immutable.ImmutableSortedSet`1", "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Immutable.ImmutableSortedDictionary`2", "System.Collections.Immutable.ImmutableQueue`1", "System.Collections.Immutable.ImmutableStack`1",
        "System.Collections.Concurrent.ConcurrentDictionary`2", "System.Collections.Concurrent.ConcurrentQueue`1",
        "System.Collections.Concurrent.ConcurrentStack`1", "System.Collections.Concurrent.ConcurrentBag`1",
        "System.Collections.ArrayList", "System.Collections.Hashtable",
        "System.Collections.Frozen.FrozenSet`1", "System.Collections.Frozen.FrozenDictionary`2",
        // Read-only views and wrappers: read when what they wrap is, which is known at run time only.
        "System.Collections.ObjectModel.ReadOnlyCollection`1", "System.Collections.ObjectModel.Collection`1",
        "System.Collections.ObjectModel.ReadOnlyObservableCollection`1", "System.Collections.ObjectModel.ReadOnlyDictionary`2",
        "System.Collections.ObjectModel.ReadOnlySet`1",
    ];

    /// <summary>Whether tracing never reads the elements of a value whose type is <paramref name="type"/>, whatever it holds.</summary>
    public static bool NeverRead(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsTupleType: false, SpecialType: not SpecialType.System_String } named
        && !s_read.Contains(MetadataName(named.OriginalDefinition));

    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "+" + name;
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}
