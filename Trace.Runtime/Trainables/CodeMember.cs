namespace Opto.Interception;

/// <summary>
/// A <c>[Trainable]</c> method as registered by generated code: where it is, its source and its stand-in delegate type.
/// Its parameter comes from the code package (Opto.Trace.Code), which registers the member and says how to make it.
/// </summary>
internal abstract class CodeMember(Type declaringType, string name, string key, string source, string[] usings, Type delegateType, string? description, string? constraint,
    Func<CodeMember, string, ParameterNode> createParameter)
    : TrainableMember(declaringType, name, typeof(string), isStatic: true, description, constraint)
{
    /// <summary>The method's code parameter, named <paramref name="name"/>.</summary>
    public ParameterNode CreateParameter(string name) => createParameter(this, name);

    /// <summary>The slot interceptors read the current implementation from.</summary>
    public abstract CodeSlot Slot { get; }

    /// <summary>The method's documentation ID, which also names its code slot.</summary>
    public string Key { get; } = key;

    /// <summary>The declaration as written, with its doc comment.</summary>
    public string Source { get; } = source;

    /// <summary>The using directives in scope at the method.</summary>
    public IReadOnlyList<string> Usings { get; } = usings;

    /// <summary>The delegate type that stands in for the method.</summary>
    public Type DelegateType { get; } = delegateType;

    internal override object? Get(object? target) => throw new NotSupportedException("A code member is read through its CodeParameter.");

    internal override void Set(object? target, object? value) => throw new NotSupportedException("A code member is written through its CodeParameter.");
}

/// <summary>A code member with its delegate type known statically, so its slot is found without reflection.</summary>
internal sealed class CodeMember<TDelegate>(Type declaringType, string name, string key, string source, string[] usings, string? description, string? constraint,
    Func<CodeMember, string, ParameterNode> createParameter)
    : CodeMember(declaringType, name, key, source, usings, typeof(TDelegate), description, constraint, createParameter)
    where TDelegate : Delegate
{
    public override CodeSlot Slot => CodeSlot<TDelegate>.For(Key);
}
