using System.ComponentModel;
using Opto.Interception;

namespace Opto;

/// <summary>
/// A traced method as an operator of the graph: its name, its parameters, its description
/// (the XML doc summary) and the trainable members its body reads.
/// </summary>
public sealed class OperatorInfo
{
    private CatalogEntry? _entry;
    private readonly string? _transportedDescription;
    private readonly bool _transported;
    private readonly InputKind?[] _heldInputKinds;

    /// <summary>Describes a traced method. Called by generated code.</summary>
    /// <param name="key">The method's documentation ID, which identifies it across assemblies.</param>
    /// <param name="methodName">The method's name as written in source.</param>
    /// <param name="parameterNames">The method's parameter names, in order.</param>
    /// <param name="resultType">The type of the value a call produces (the awaited type for async methods).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public OperatorInfo(string key, string methodName, string[] parameterNames, Type resultType)
    {
        Key = key;
        MethodName = methodName;
        ParameterNames = parameterNames;
        ResultType = resultType;
        NodeName = NameKey.For(NodeBaseName(methodName));
        ParameterKeys = Array.ConvertAll(parameterNames, NameKey.For);
        _heldInputKinds = new InputKind?[parameterNames.Length];
    }

    // An operator of a graph recorded in another process: its description travels with it.
    internal OperatorInfo(string key, string methodName, string[] parameterNames, Type resultType, string? description)
        : this(key, methodName, parameterNames, resultType)
    {
        _transported = true;
        _transportedDescription = description;
    }

    /// <summary>The method's documentation ID (for example <c>M:Shop.SalesAgent.ReplyAsync(System.String)</c>).</summary>
    public string Key { get; }

    /// <summary>The method's name as written in source.</summary>
    public string MethodName { get; }

    /// <summary>The method's parameter names, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The type of the value a call produces (the awaited type for async methods).</summary>
    public Type ResultType { get; }

    /// <summary>The method's XML doc summary, or <see langword="null"/> when it has none.</summary>
    public string? Description => _transported ? _transportedDescription : Entry.Description;

    internal IReadOnlyList<TrainableDependency> Dependencies => Entry.Dependencies;

    /// <summary>Whether the method may make traced calls while it runs (unknown methods may).</summary>
    internal bool CallsTracedCode => Entry.CallsTracedCode;

    internal NameKey NodeName { get; }

    internal NameKey[] ParameterKeys { get; }

    /// <summary>
    /// The kind of the inputs at <paramref name="index"/> that calls hold themselves (<see cref="NodeWithNewInputs"/>):
    /// the first type recorded there, for good, so a call need not keep the kind. Null when <paramref name="type"/> is
    /// another (a parameter typed <c>dynamic</c> records each value's own type, and the instantiations of a generic method
    /// that return the same type share one operator): such a call makes its inputs nodes of their own.
    /// </summary>
    internal InputKind? HeldInputKind(int index, Type type)
    {
        var kinds = _heldInputKinds;
        if (Volatile.Read(ref kinds[index]) is not { } kind)
        {
            // An operator lives as long as the program: it never keeps a type of code that may be unloaded (runtime-compiled code).
            if (type.IsCollectible) return null;
            kind = Interlocked.CompareExchange(ref kinds[index], new InputKind(ParameterKeys[index].Text, type), null) ?? kinds[index]!;
        }

        return kind.Type == type ? kind : null;
    }

    /// <summary>The kind of the inputs calls hold at <paramref name="index"/>, once <see cref="HeldInputKind(int, Type)"/> accepted one.</summary>
    internal InputKind HeldInputKind(int index) => _heldInputKinds[index]!;

    // Resolved on first use, after the defining assembly's module initializer has registered the method.
    private CatalogEntry Entry => _entry ?? (OperatorCatalog.Find(Key) is { } entry ? _entry = entry : CatalogEntry.Unknown);

    /// <summary>Turns <c>ReplyAsync</c> into <c>reply</c>, the base of node names such as <c>reply0</c>.</summary>
    internal static string NodeBaseName(string methodName)
    {
        var name = methodName.EndsWith("Async", StringComparison.Ordinal) && methodName.Length > 5
            ? methodName[..^5]
            : methodName;
        return char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
    }
}
