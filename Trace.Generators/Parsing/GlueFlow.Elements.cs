using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    /// <summary>
    /// What a collection local holds where it is read, when the local is an array or a framework collection declared with
    /// its first value and never assigned again: its first value's elements, and what statements of its block put in it
    /// after (<c>d["x"] = Summarize(q);</c>, <c>list.Add(Summarize(q));</c>, <c>arr[0] = Summarize(q);</c>). Each element
    /// put at a constant key or place is known by it; a read at a constant key is then exactly what was put there last.
    /// </summary>
    /// <param name="Placed">The value at each constant key or place, as of the read.</param>
    /// <param name="Rest">Values put in at places not known (added after a first value that is not written out).</param>
    /// <param name="Whole">The first value, when its elements are not written out (another call's result, a copy).</param>
    /// <param name="Changed">How the collection may change where the compiler does not follow it, or null; then it holds
    /// nothing the compiler can tell.</param>
    /// <param name="KeysExact">Whether two constant keys that differ are different keys: not for a dictionary the compiler did
    /// not see made with the default comparer (`StringComparer.OrdinalIgnoreCase` makes "a" and "A" one key).</param>
    /// <param name="TakenBy">When <paramref name="Changed"/>: the first change not followed that may take out what the collection
    /// held (<c>Clear()</c>, a helper it is given to, an element set in a branch). Null when every such change only adds to it
    /// or reorders it (<c>if (c) list.Add(x)</c>, <c>Array.Reverse(a)</c>): then it still holds, somewhere, all that
    /// <paramref name="Placed"/>, <paramref name="Rest"/> and <paramref name="Whole"/> say, though not at their places.</param>
    private sealed record Contents(IReadOnlyDictionary<object, IOperation> Placed, IReadOnlyList<IOperation> Rest, IOperation? Whole, ILocalReferenceOperation? Changed, bool KeysExact = true, ILocalReferenceOperation? TakenBy = null)
    {
        /// <summary>Whether it holds all it is said to: nothing changed it where the compiler does not follow it but to add or reorder.</summary>
        public bool HoldsAll => TakenBy is null;
    }

    // Indexed: elements at places counted from 0 (arrays, lists). Keyed: a dictionary whose constant keys that differ are
    // different keys. Held: what it holds is known, not where (a set, a queue, a sorted or concurrent dictionary).
    private enum CollectionModel { None, Indexed, Keyed, Held }

    /// <summary>What an element read of a collection local may be (see <see cref="ElementCandidates"/>).</summary>
    /// <param name="Values">The values put where it reads.</param>
    /// <param name="ElementOf">The collection it may otherwise be an element of: the local's first value, not written out.</param>
    /// <param name="Changed">Whether the local may change where the compiler does not follow it: then it holds nothing known.</param>
    /// <param name="PickedBy">The key or place, when it is computed at run time (it picks the element).</param>
    public sealed record Stored(IReadOnlyList<IOperation> Values, IOperation? ElementOf, bool Changed, IOperation? PickedBy = null);

    /// <summary>
    /// The values a read of an element of a collection local may be (<c>d["x"]</c>, <c>list[0]</c>): one when its key is
    /// constant and known, the candidates otherwise, and the collection it may be an element of (its first value, when that
    /// is not written out). Null when the read is not of such a local, or of one never changed after a first value that does
    /// not write its elements out; no candidate and <see cref="Stored.Changed"/> when what it holds there is unknown, with
    /// <paramref name="whyNot"/> when the change puts nothing in it (a put in a loop or a branch says why itself), or when
    /// the key is not known and the candidates are several.
    /// </summary>
    private static Stored? ElementCandidates(IOperation element, IOperation function, out string? whyNot)
    {
        whyNot = null;
        // Read at a key or place, or picked by a method of the collection or LINQ (`First()`, `Peek()`, `Dequeue()`): no key.
        var (collection, key) = element switch
        {
            IArrayElementReferenceOperation { Indices.Length: 1 } read => (read.ArrayReference, read.Indices[0]),
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance, Arguments.Length: 1 } read => (instance, read.Arguments[0].Value),
            // `l.ElementAt(1)` reads at a place, as `l[1]` does.
            IInvocationOperation { TargetMethod.Name: "ElementAt" or "ElementAtOrDefault", Arguments.Length: 2 } at when CollectionRead(at, collections: false) is { } source
                && at.Arguments[1].Value.Type?.SpecialType == SpecialType.System_Int32 && Unwrap(source).Type is { } listed && ModelOf(listed) == CollectionModel.Indexed
                => (source, at.Arguments[1].Value),
            IInvocationOperation call when CollectionRead(call, collections: false) is { } source => (source, null),
            _ => (null, default(IOperation)),
        };
        if (collection is null || Unwrap(collection) is not ILocalReferenceOperation local || ContentsAt(local, function) is not { } contents) return null;
        if (contents.Changed is { } change)
        {
            if (PutStep(change, ModelOf(local.Local.Type)) is not null) return new Stored([], null, Changed: true);
            whyNot = NotFollowed(local.Local, change);
            return new Stored([], null, Changed: true);
        }

        var constant = key is not null && contents.KeysExact ? ConstantKey(key) : null;
        if (constant is not null && contents.Placed.TryGetValue(constant, out var value)) return new Stored([value], null, Changed: false);
        // A constant key put nowhere: the first value's element there, or one added at a place not known.
        var candidates = new Stored([.. constant is null ? contents.Placed.Values : [], .. contents.Rest], contents.Whole, Changed: false, key is not null && ConstantKey(key) is null ? key : null);
        if (constant is null && candidates.Values.Count + (candidates.ElementOf is null ? 0 : 1) > 1)
        {
            whyNot = key is null
                ? $"it is read by '{Shown(element.Syntax.ToString())}' from '{local.Local.Name}', which holds more than one value, and the compiler cannot tell which one it reads; keep it in a local of its own, or read it at a constant key or place of a list, a dictionary or an array"
                : $"it is read at '{Shown(element.Syntax.ToString())}', whose key or place the compiler cannot tell, from '{local.Local.Name}', which holds more than one value; read it at a constant key or place";
        }

        return candidates;
    }

    /// <summary>
    /// The values an element read of a collection local filled in steps may be, and the collection it may otherwise be an
    /// element of (see <see cref="ElementCandidates"/>); null when the read is not of such a local.
    /// </summary>
    public static Stored? StoredAt(IOperation element, out string? whyNot)
    {
        whyNot = null;
        return EnclosingFunction(element) is { } function ? ElementCandidates(element, function, out whyNot) : null;
    }

    /// <summary>
    /// Why a read of a whole collection local (<c>string.Join(", ", notes)</c>) claims nothing it was filled with: it may be
    /// changed, where the compiler does not follow it, in a way that takes elements out (<c>notes.Clear()</c>, a helper it is
    /// given to, an element set in a branch). Null when what it holds is known, or known to be all still there.
    /// </summary>
    public static string? WholeChangedBecause(ILocalReferenceOperation read) =>
        EnclosingFunction(read) is { } function && ContentsAt(read, function) is { TakenBy: { } change } ? NotFollowed(read.Local, change) : null;

    /// <summary>
    /// Why an element of a collection local, read back by its identity (<c>notes[0]</c>, <c>notes.First()</c>, <c>foreach</c>,
    /// <c>string.Join(", ", notes)</c>, <c>ClassifyAll(notes)</c>), may not be what was put in: before the read, the local is
    /// given to an untraced method that is not the framework's (<c>Normalize(notes)</c>), or used in a lambda or local
    /// function, whose code may set its elements to values made from them, which no edge reaches. Null otherwise; a change
    /// that only takes elements out (<c>Clear()</c>) leaves nothing to link, rightly.
    /// </summary>
    /// <param name="read">The read of the collection local.</param>
    /// <param name="isTraced">Whether a method is traced: a traced method's changes are linked as its output.</param>
    public static string? ReplacedBecause(ILocalReferenceOperation read, Func<IMethodSymbol, bool> isTraced)
    {
        if (EnclosingFunction(read) is not { } function || ModelOf(read.Local.Type) is var model && model == CollectionModel.None
            || !LocalsOf(Root(function)).TryGetValue(read.Local, out var use)) return null;
        var inLoop = RunsRepeatedly(read, function);
        foreach (var reference in use.References)
        {
            if (reference.Syntax == read.Syntax || !inLoop && reference.Syntax.SpanStart > read.Syntax.SpanStart) continue;
            if (OnlyReads(reference) || AddsOrReorders(reference) || PutStep(reference, model) is not null && SameFunction(reference, function)) continue;
            if (!SameFunction(reference, function) || MayReplaceElements(reference, isTraced)) return NotFollowed(read.Local, reference);
        }

        return null;
    }

    // What a use of the collection may do to its elements beyond what the compiler follows: hand it to code of the project
    // that sets them (directly or through the methods it hands it on to, three deep), to a delegate, to a constructor of
    // the project, or to another name for it (a local, a field, an array or a tuple) that code may set them through. The
    // framework's own methods, called on it or given it, and another library's, are taken to keep them.
    private static bool MayReplaceElements(IOperation reference, Func<IMethodSymbol, bool> isTraced, int depth = 0)
    {
        var given = AsGiven(reference);
        switch (given.Parent)
        {
            case IInvocationOperation call when ReferenceEquals(call.Instance, given):
                return !IsFrameworkAssembly(call.TargetMethod);
            case IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation { TargetMethod: var method } }:
                var declared = (method.ReducedFrom ?? method).OriginalDefinition;
                if (declared.MethodKind == MethodKind.DelegateInvoke) return true;
                if (isTraced(declared) || IsFrameworkAssembly(declared) || declared.DeclaringSyntaxReferences.Length == 0) return false;
                return !KeepsElementsOf(declared, parameter.Ordinal, reference.SemanticModel?.Compilation, isTraced, depth);
            case IArgumentOperation { Parent: IObjectCreationOperation { Constructor: { } constructor } }:
                return !IsFrameworkAssembly(constructor);
            case ISimpleAssignmentOperation assignment:
                return ReferenceEquals(assignment.Value, given);
            case IVariableInitializerOperation or IArrayInitializerOperation or ICollectionExpressionOperation or ITupleOperation or IReturnOperation
                or IArgumentOperation or IAnonymousObjectCreationOperation or IMemberInitializerOperation:
                return true;
            default:
                return false;
        }
    }

    // A method of the project that only reads the collection parameter at `ordinal` or adds to it what is not made from its
    // elements (`Log(notes)`, `Fill(notes, t)`), itself or through such methods it hands it on to.
    private static bool KeepsElementsOf(IMethodSymbol method, int ordinal, Compilation? compilation, Func<IMethodSymbol, bool> isTraced, int depth)
    {
        if (compilation is null || depth >= 3 || method.IsVirtual || method.IsAbstract || method.IsOverride || method.DeclaringSyntaxReferences.Length != 1
            || ordinal >= method.Parameters.Length || method.Parameters[ordinal].RefKind != RefKind.None) return false;
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree) || compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax) is not { } body) return false;
        var parameter = method.Parameters[ordinal];
        bool IsParameter(IOperation o) => o is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter.OriginalDefinition, parameter);
        return body.Descendants().Where(IsParameter).All(p => ReferenceEquals(EnclosingFunction(p)?.Syntax, syntax)
            && (OnlyReads(p)
                || AddsOrReorders(p) && !((IInvocationOperation)AsGiven(p).Parent!).Arguments.Any(a => a.Value.DescendantsAndSelf().Any(IsParameter))
                || AsGiven(p).Parent is IArgumentOperation { Parent: IInvocationOperation } && !MayReplaceElements(p, isTraced, depth + 1)));
    }

    // The framework's call on the collection that keeps every element it holds (`notes.Add(s)`, `notes.Sort()`), in a lambda too.
    private static bool AddsOrReorders(IOperation reference) =>
        AsGiven(reference).Parent is IInvocationOperation call && ReferenceEquals(call.Instance, AsGiven(reference))
        && s_keepingMethods.Contains(call.TargetMethod.Name) && IsFrameworkAssembly(call.TargetMethod);

    // The value as given, up past its conversions (`(IList<string>)notes`): its parent is what it is given to.
    private static IOperation AsGiven(IOperation reference)
    {
        var given = reference;
        while (given.Parent is IConversionOperation { OperatorMethod: null } conversion) given = conversion;
        return given;
    }

    private static bool IsFrameworkAssembly(IMethodSymbol method) => method.ContainingAssembly?.Name is not { } assembly || FrameworkAssemblies.Contains(assembly);

    private static string NotFollowed(ILocalSymbol local, ILocalReferenceOperation change) =>
        $"'{local.Name}' may be changed where the compiler does not follow it ({Shown(StatementOf(change).Syntax.ToString())}) before it is read; "
        + (ModelOf(local.Type) == CollectionModel.Held
            ? "fill it only by adding to it, in statements of the block it is declared in (a set at a key or place is followed in a List<T>, a Dictionary<TKey, TValue> or an array)"
            : "fill it only by adding to it or setting an element at a constant key or place, in statements of the block it is declared in");

    /// <summary>
    /// What a collection local holds at <paramref name="read"/>: null when the local is not one whose contents change, or
    /// is never changed after a first value that does not write its elements out (then that value is what it holds, as for
    /// any other local: `reply.Split(':')`).
    /// </summary>
    private static Contents? ContentsAt(ILocalReferenceOperation read, IOperation function)
    {
        var local = read.Local;
        var model = ModelOf(local.Type);
        if (model == CollectionModel.None || SingleAssignment(local, function) is not { } initializer) return null;
        var use = LocalsOf(Root(function))[local];
        // The read itself, given whole to a method (`ClassifyAll(notes)`), is not a change before it.
        var changes = use.References.Where(r => !OnlyReads(r) && r.Syntax != read.Syntax).ToList();
        if (changes.Count == 0)
        {
            // Never changed: its first value, whose elements are known by their places when it writes them out.
            var placedFirst = new Dictionary<object, IOperation>();
            return FirstContents(Unwrap(initializer), model, placedFirst) is null ? null : new Contents(placedFirst, [], null, null);
        }

        // Set once (SingleAssignment): by its one declaration, or by a call or deconstruction, whose puts are not followed.
        if (use.Declarations.Count != 1 || use.Declarations[0].Parent?.Parent is not IVariableDeclarationGroupOperation { Parent: IBlockOperation block }
            || block.Operations.Any(o => o is ILabeledOperation))
        {
            return new Contents(new Dictionary<object, IOperation>(), [], Unwrap(initializer), changes[0], TakenBy: changes.FirstOrDefault(c => !KeepsElements(c, model)));
        }

        var readAt = IndexIn(block, read);
        var placed = new Dictionary<object, IOperation>();
        var rest = new List<IOperation>();
        var first = Unwrap(initializer);
        var count = FirstContents(first, model, placed);
        var whole = count is null ? first : null;
        if (model == CollectionModel.Held)
        {
            // Its places are not followed: what it was made with is held whole, unless it was made empty.
            placed.Clear();
            (count, whole) = (null, count == 0 ? null : first);
        }

        var keysExact = model == CollectionModel.Indexed || model == CollectionModel.Keyed && count is not null;
        // The first change not followed that only adds or reorders: places are not known after it, the contents still are.
        var unfollowed = default(ILocalReferenceOperation);
        foreach (var change in changes)
        {
            // A statement after the one that reads cannot run before it: the local is declared afresh each time its block runs.
            if (readAt >= 0 && IndexIn(block, change) > readAt) continue;
            if (PutStep(change, model) is not { } put || StatementOf(change) is not { Parent: IExpressionStatementOperation statement }
                || !ReferenceEquals(statement.Parent, block) || !SameFunction(change, function))
            {
                if (!KeepsElements(change, model)) return new Contents(placed, rest, whole, unfollowed ?? change, keysExact, change);
                unfollowed ??= change;
                count = null;
                continue;
            }

            // Only what was put in before the statement that reads.
            if (readAt < 0 || IndexIn(block, statement) >= readAt) continue;
            if (put.Key is { } key)
            {
                // A place set after the places moved may hold any element: what was there before is no longer known.
                if (unfollowed is not null) return new Contents(placed, rest, whole, unfollowed, keysExact, change);
                placed[key] = put.Value;
            }
            else if (count is { } known)
            {
                placed[known] = put.Value;
                count = known + 1;
            }
            else
            {
                rest.Add(put.Value);
            }
        }

        return unfollowed is not null ? new Contents(placed, rest, whole, unfollowed, keysExact)
            : readAt < 0 ? new Contents(placed, rest, whole, changes[0], keysExact, changes.FirstOrDefault(c => !KeepsElements(c, model)))
            : new Contents(placed, rest, whole, null, keysExact);
    }

    // Methods of the framework's lists and dictionaries that keep every element they hold: they add or reorder.
    private static readonly HashSet<string> s_keepingMethods =
    [
        "Add", "AddRange", "Insert", "InsertRange", "TryAdd", "GetOrAdd", "Enqueue", "Push", "PushRange", "UnionWith", "Reverse", "Sort", "EnsureCapacity", "TrimExcess",
    ];

    // Whether a change of a collection local keeps every element it held: an element added (not set: that may replace one),
    // or the elements reordered in place (`list.Sort()`, `Array.Reverse(a)`).
    private static bool KeepsElements(ILocalReferenceOperation change, CollectionModel model)
    {
        if (change.Parent is IInvocationOperation call && ReferenceEquals(call.Instance, change))
        {
            return model != CollectionModel.None && s_keepingMethods.Contains(call.TargetMethod.Name) && call.TargetMethod.ContainingType is { } type
                && (IsFramework(type, "System.Collections.Generic") || IsFramework(type, "System.Collections.Concurrent"));
        }

        IOperation given = change;
        while (given.Parent is IConversionOperation { IsImplicit: true } conversion) given = conversion;
        return given.Parent is IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation { TargetMethod: { Name: "Reverse" or "Sort", ContainingType: var owner } } }
            && (owner.SpecialType == SpecialType.System_Array || IsFramework(owner, "System") && owner.Name == "MemoryExtensions");
    }

    // Arrays and the framework's lists and dictionaries (a dictionary made with its default comparer: constant keys that
    // differ are then different keys), and the framework's other collections that are sealed in effect and whose members give
    // back no handle to change an element through (not a LinkedList, whose nodes do; not a Collection<T>, which a subclass
    // changes as it likes). Any other local is what it was made from, as far as the compiler can tell.
    private static CollectionModel ModelOf(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } => CollectionModel.Indexed,
        INamedTypeSymbol { IsGenericType: false } => CollectionModel.None,
        INamedTypeSymbol { OriginalDefinition.MetadataName: var name } named when IsFramework(named, "System.Collections.Generic") => name switch
        {
            "List`1" => CollectionModel.Indexed,
            "Dictionary`2" => CollectionModel.Keyed,
            "HashSet`1" or "Queue`1" or "Stack`1" or "SortedSet`1" or "SortedDictionary`2" or "SortedList`2" => CollectionModel.Held,
            _ => CollectionModel.None,
        },
        INamedTypeSymbol { OriginalDefinition.MetadataName: var name } named when IsFramework(named, "System.Collections.Concurrent") => name switch
        {
            "ConcurrentDictionary`2" or "ConcurrentQueue`1" or "ConcurrentStack`1" or "ConcurrentBag`1" => CollectionModel.Held,
            _ => CollectionModel.None,
        },
        _ => CollectionModel.None,
    };

    // Whether the type is declared, not nested, in the namespace named with dots; compared name by name, as this runs for
    // every local the flow reads and a display string would be built each time.
    public static bool IsFramework(INamedTypeSymbol type, string ns)
    {
        if (type.ContainingType is not null) return false;
        var at = type.ContainingNamespace;
        var end = ns.Length;
        while (at is { IsGlobalNamespace: false })
        {
            var start = ns.LastIndexOf('.', end - 1) + 1;
            if (end - start != at.Name.Length || string.CompareOrdinal(ns, start, at.Name, 0, at.Name.Length) != 0) return false;
            (at, end) = (at.ContainingNamespace, start - 1);
            if (end < 0) return at is { IsGlobalNamespace: true };
        }

        return false;
    }

    // The elements a collection's first value is written out with, at their places; the count of elements when every one is
    // placed (a list's next place; a dictionary's keys are its places), null when some are not (what another call returned,
    // a copy of another collection).
    private static int? FirstContents(IOperation made, CollectionModel model, Dictionary<object, IOperation> placed)
    {
        switch (made)
        {
            case IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } empty when empty.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int size }:
                return size;
            case IArrayCreationOperation { Initializer: { } written }:
                return Place(written.ElementValues);
            case IInvocationOperation when IsWhenAll(made, out var whenAll) && WrittenTasks(whenAll) is { IsDefault: false } tasks:
                // The results of `await Task.WhenAll(a, b)`: each task's result at its place.
                return Place(tasks);
            case ICollectionExpressionOperation written when !written.Elements.Any(e => e is ISpreadOperation) && model == CollectionModel.Indexed:
                return Place(written.Elements);
            case IObjectCreationOperation creation when creation.Arguments.All(a => a.Value.Type?.SpecialType == SpecialType.System_Int32):
                var count = 0;
                foreach (var item in creation.Initializer?.Initializers ?? [])
                {
                    if (item is IInvocationOperation { TargetMethod.Name: "Add" } add && model == CollectionModel.Indexed && add.Arguments.Length == 1)
                    {
                        placed[count++] = add.Arguments[0].Value;
                    }
                    else if (item is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } keyed && model == CollectionModel.Keyed && ConstantKey(keyed.Arguments[0].Value) is { } key)
                    {
                        placed[key] = keyed.Arguments[1].Value;
                    }
                    else if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } set
                        && ConstantKey(indexer.Arguments[0].Value) is { } setKey)
                    {
                        placed[setKey] = set.Value;
                    }
                    else
                    {
                        placed.Clear();
                        return null;
                    }
                }

                return count;
            default:
                return null;
        }

        int Place(IEnumerable<IOperation> elements)
        {
            var at = 0;
            foreach (var element in elements) placed[at++] = element;
            return at;
        }
    }

    // A statement that puts a value into the collection: `d[key] = value`, `list.Add(value)`, `d.Add(key, value)`,
    // `queue.Enqueue(value)`. Not a set by key of a collection whose keys are not followed (`sorted["k"] = v`): it may replace
    // a value put in before.
    private static (object? Key, IOperation Value)? PutStep(ILocalReferenceOperation reference, CollectionModel model)
    {
        switch (reference.Parent)
        {
            case IInvocationOperation { TargetMethod.Name: "Add" or "Enqueue" or "Push", Arguments.Length: 1 } put when model == CollectionModel.Held && ReferenceEquals(put.Instance, reference):
                return (null, put.Arguments[0].Value);
            case IArrayElementReferenceOperation { Indices.Length: 1, Parent: ISimpleAssignmentOperation assignment } element
                when ReferenceEquals(assignment.Target, element) && ConstantKey(element.Indices[0]) is { } index:
                return (index, assignment.Value);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Parent: ISimpleAssignmentOperation assignment } indexer
                when model != CollectionModel.Held && ReferenceEquals(assignment.Target, indexer) && ConstantKey(indexer.Arguments[0].Value) is { } key:
                return (key, assignment.Value);
            case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add when model == CollectionModel.Indexed && ReferenceEquals(add.Instance, reference):
                return (null, add.Arguments[0].Value);
            case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 } add when model == CollectionModel.Keyed && ReferenceEquals(add.Instance, reference)
                && ConstantKey(add.Arguments[0].Value) is { } key:
                return (key, add.Arguments[1].Value);
            default:
                return null;
        }
    }

    // The collection local a copy is made of, element for element (`q.ToList()`); not a dictionary, whose elements are
    // key-value pairs made as they are read.
    private static ILocalReferenceOperation? CopiedCollection(IOperation value) =>
        value is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "AsEnumerable" or "ToHashSet" or "AsReadOnly" } copy
        && CollectionRead(copy, collections: true) is { } source && Unwrap(source) is ILocalReferenceOperation local && ModelOf(local.Local.Type) != CollectionModel.Keyed
            ? local : null;

    /// <summary>Whether a value stored in a collection was put there by a call the generator may intercept to record it
    /// (<c>list.Add(s + "!")</c>, StoredGlue), rather than by an element set or an initializer.</summary>
    public static bool IsPutByCall(IOperation stored) =>
        stored.Parent is IArgumentOperation { Parent: IInvocationOperation { IsImplicit: false } adding } && StoredGlue.MayBe(adding.TargetMethod.Name);

    private static object? ConstantKey(IOperation key) =>
        Unwrap(key).ConstantValue is { HasValue: true, Value: { } value and (string or int or long or char or bool or byte or short or uint or ulong or ushort or sbyte) } ? value : null;

    // Methods of the framework's lists and dictionaries that read them and give nothing back that could change them.
    private static readonly HashSet<string> s_readingMethods =
    [
        "ContainsKey", "ContainsValue", "Contains", "TryGetValue", "IndexOf", "LastIndexOf", "ToArray", "GetRange", "Exists", "Find", "FindIndex",
        "FindLast", "FindLastIndex", "FindAll", "TrueForAll", "ConvertAll", "BinarySearch", "GetValueOrDefault", "ToString", "Equals", "GetHashCode",
        "Peek", "TryPeek", "CopyTo", "Overlaps", "SetEquals", "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "IndexOfKey", "IndexOfValue",
        "GetKeyAtIndex", "GetValueAtIndex",
    ];

    // Whether a use of a collection local only reads it: an element, a member, a reading method, a foreach, LINQ or string's
    // combiners. Anything else may change what it holds (a helper it is given to, an alias, a lambda).
    private static bool OnlyReads(IOperation reference)
    {
        var parent = reference.Parent;
        switch (parent)
        {
            case IArrayElementReferenceOperation element when ReferenceEquals(element.ArrayReference, reference):
                return !IsWriteTarget(element);
            case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, reference):
                return !IsWriteTarget(property) && !(property.Type?.IsReferenceType == true && property.Property.IsIndexer && ModelOf(property.Type) != CollectionModel.None);
            case IImplicitIndexerReferenceOperation implicitIndexer when ReferenceEquals(implicitIndexer.Instance, reference):
                return !IsWriteTarget(implicitIndexer) && implicitIndexer.Type?.Name != "Span";
            case IInvocationOperation call when ReferenceEquals(call.Instance, reference):
                return s_readingMethods.Contains(call.TargetMethod.Name);
            case IForEachLoopOperation loop when ReferenceEquals(loop.Collection, reference):
            case ISpreadOperation:
                return true;
        }

        // Given, as itself, to LINQ or to string's methods (`string.Join(", ", d)`), which only enumerate it.
        IOperation given = reference;
        while (given.Parent is IConversionOperation { IsImplicit: true } conversion) given = conversion;
        return given.Parent switch
        {
            IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation { TargetMethod: var method } }
                => method.ContainingType.SpecialType == SpecialType.System_String || IsFramework(method.ContainingType, "System.Linq") && method.ContainingType.Name == "Enumerable",
            IForEachLoopOperation loop => ReferenceEquals(loop.Collection, given),
            _ => false,
        };
    }
}
