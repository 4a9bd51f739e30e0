using System.Collections;

namespace Opto.Interception;

/// <summary>
/// The elements of a collection a traced body read a trainable member on, read without running code of the program's: an
/// array, a collection of the framework's (a list, a set, a queue, a dictionary's values, an immutable or concurrent collection), or one the
/// compiler made for a collection expression. A lazy sequence (a LINQ query, an iterator) would run code, and a collection
/// type of the program's could: their elements are not read.
/// </summary>
internal static class ReadableElements
{
    /// <summary>Adds the parameter each element has for the dependency's member.</summary>
    public static void AddParameters(object collection, TrainableDependency dependency, List<ParameterNode> found)
    {
        if (!IsReadable(collection.GetType()) || collection is not IEnumerable elements) return;
        // A dictionary's elements are its values (read as `_experts.Values`).
        if (collection is IDictionary dictionary) elements = dictionary.Values;
        foreach (var element in elements)
        {
            var owner = element is not null && dependency.ReadElementOwner is { } read ? read(element) : element;
            if (owner is not null && TrainableRegistry.Find(owner, dependency) is { } parameter) found.Add(parameter);
        }
    }

    // The assemblies that declare the framework's collections (compared by reference: naming an assembly allocates).
    private static readonly System.Reflection.Assembly[] s_collectionAssemblies =
    [
        typeof(List<>).Assembly,
        typeof(LinkedList<>).Assembly,
        typeof(System.Collections.Immutable.ImmutableArray<>).Assembly,
        typeof(System.Collections.Concurrent.ConcurrentBag<>).Assembly,
        typeof(System.Collections.ObjectModel.ObservableCollection<>).Assembly,
    ];

    private static bool IsReadable(Type type)
    {
        if (type.IsArray) return true;
        // `[a, b]` given as an IEnumerable<T>, IReadOnlyList<T> or IReadOnlyCollection<T>: a type the compiler writes into the program.
        if (type.Name.StartsWith("<>z__ReadOnly", StringComparison.Ordinal)) return true;
        return type.Namespace is "System.Collections.Generic" or "System.Collections.Immutable" or "System.Collections.Concurrent" or "System.Collections.ObjectModel"
            && Array.IndexOf(s_collectionAssemblies, type.Assembly) >= 0;
    }
}
