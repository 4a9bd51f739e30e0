using System.Collections.Concurrent;
using System.ComponentModel;

namespace Opto.Interception;

/// <summary>
/// What the compiler found about each traced method (its doc summary and the trainable members its body reads),
/// registered by the defining assembly's generated module initializer so call sites in other assemblies see it too.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OperatorCatalog
{
    private static readonly ConcurrentDictionary<string, CatalogEntry> s_entries = new(StringComparer.Ordinal);

    /// <summary>Registers a traced method. Called by generated code.</summary>
    /// <param name="key">The method's documentation ID.</param>
    /// <param name="description">The method's XML doc summary.</param>
    /// <param name="dependencies">The trainable members the method's body reads.</param>
    public static void Register(string key, string? description, params TrainableDependency[] dependencies) =>
        s_entries[key] = new CatalogEntry(description, dependencies);

    /// <summary>Registers a traced method whose body the compiler proved makes no traced call. Called by generated code.</summary>
    /// <param name="key">The method's documentation ID.</param>
    /// <param name="description">The method's XML doc summary.</param>
    /// <param name="callsTracedCode">
    /// <see langword="false"/> when the body provably makes no traced call, so the calls nested in it need not be tracked.
    /// </param>
    /// <param name="dependencies">The trainable members the method's body reads.</param>
    public static void Register(string key, string? description, bool callsTracedCode, params TrainableDependency[] dependencies) =>
        s_entries[key] = new CatalogEntry(description, dependencies, callsTracedCode);

    internal static CatalogEntry? Find(string key) => s_entries.TryGetValue(key, out var entry) ? entry : null;
}

internal sealed record CatalogEntry(string? Description, TrainableDependency[] Dependencies, bool CallsTracedCode = true)
{
    public static readonly CatalogEntry Unknown = new(null, []);
}
