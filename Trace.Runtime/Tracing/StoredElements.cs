using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Reflection;

namespace Opto;

/// <summary>
/// Which collections the runtime reads the elements of itself, to link them to the traced calls that made them: those
/// whose enumeration runs only the framework's code over storage the collection owns (arrays, <c>List&lt;T&gt;</c>,
/// <c>HashSet&lt;T&gt;</c>, <c>Dictionary&lt;TKey, TValue&gt;</c> and their kin, the immutable, frozen and concurrent
/// collections), and the framework's read-only views over one of them (<c>list.AsReadOnly()</c>). Any other collection
/// (a class of the program's own, a view over one, a sequence that computes its elements) may run the program's code when
/// enumerated, or refuse to be: a traced call must not do what the call untraced would not, so its elements are not read.
/// </summary>
internal static class StoredElements
{
    private static readonly HashSet<Type> s_owning =
    [
        typeof(List<>), typeof(HashSet<>), typeof(SortedSet<>), typeof(LinkedList<>), typeof(Queue<>), typeof(Stack<>),
        typeof(Dictionary<,>), typeof(Dictionary<,>.KeyCollection), typeof(Dictionary<,>.ValueCollection),
        typeof(SortedDictionary<,>), typeof(SortedDictionary<,>.KeyCollection), typeof(SortedDictionary<,>.ValueCollection), typeof(SortedList<,>),
        typeof(ObservableCollection<>), typeof(ArraySegment<>),
        typeof(ImmutableArray<>), typeof(ImmutableList<>), typeof(ImmutableHashSet<>), typeof(ImmutableSortedSet<>),
        typeof(ImmutableDictionary<,>), typeof(ImmutableSortedDictionary<,>), typeof(ImmutableQueue<>), typeof(ImmutableStack<>),
        typeof(ConcurrentDictionary<,>), typeof(ConcurrentQueue<>), typeof(ConcurrentStack<>), typeof(ConcurrentBag<>),
        typeof(ArrayList), typeof(Hashtable),
    ];

    // The framework's read-only views and wrappers, and the protected property that holds what each wraps: read when that is.
    private static readonly Dictionary<Type, string> s_wrappers = new()
    {
        [typeof(ReadOnlyCollection<>)] = "Items",
        [typeof(Collection<>)] = "Items",
        [typeof(ReadOnlyObservableCollection<>)] = "Items",
        [typeof(ReadOnlyDictionary<,>)] = "Dictionary",
        [typeof(ReadOnlySet<>)] = "Set",
    };

    // The last type found readable by its type alone (a program passes the same few): one comparison instead of the look-ups.
    private static Type? s_lastReadable;

    /// <summary>Whether reading <paramref name="collection"/>'s elements runs nothing but the framework's code over its own storage.</summary>
    public static bool CanRead(object collection) => CanRead(collection, depth: 0);

    private static bool CanRead(object collection, int depth)
    {
        var type = collection.GetType();
        if (ReferenceEquals(type, Volatile.Read(ref s_lastReadable)) || type.IsArray) return true;
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (s_owning.Contains(definition)) return Remember(type);
            if (s_wrappers.TryGetValue(definition, out var wrapped))
            {
                return depth < 4 && type.GetProperty(wrapped, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(collection) is { } inner && CanRead(inner, depth + 1);
            }
        }

        return (s_owning.Contains(type) || IsCollectionExpression(type) || IsFrozen(type)) && Remember(type);
    }

    /// <summary>Whether <paramref name="tuple"/> is one of the framework's tuples, whose items are its own fields.</summary>
    public static bool IsFrameworkTuple(System.Runtime.CompilerServices.ITuple tuple)
    {
        var type = tuple.GetType();
        return type.IsGenericType && type.Assembly == typeof(ValueTuple).Assembly && type.Namespace == "System"
            && (type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal) || type.Name.StartsWith("Tuple`", StringComparison.Ordinal));
    }

    // A view is never remembered (whether it is read depends on what it wraps), nor a type of an unloadable assembly (such as
    // code compiled at run time), which a static reference would keep loaded.
    private static bool Remember(Type type)
    {
        if (!type.IsCollectible) Volatile.Write(ref s_lastReadable, type);
        return true;
    }

    // What the compiler makes for a collection expression whose target is a read-only interface (`Join([a, b])` for an
    // IReadOnlyList<string>): a type of its own in the calling assembly, over an array or a list, under a name no program can write.
    private static bool IsCollectionExpression(Type type) => type.Name.StartsWith("<>z__ReadOnly", StringComparison.Ordinal);

    // The frozen collections' classes are the framework's own, each specialized for its keys.
    private static bool IsFrozen(Type type)
    {
        if (type.Assembly != typeof(FrozenSet<>).Assembly) return false;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() is var definition && (definition == typeof(FrozenSet<>) || definition == typeof(FrozenDictionary<,>))) return true;
        }

        return false;
    }
}
