using System.ComponentModel;

namespace Opto.Interception;

/// <summary>A trainable member that a traced method's body reads, found at compile time.</summary>
/// <param name="DeclaringType">The type that declares the member.</param>
/// <param name="MemberName">The member's name.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record TrainableDependency(Type DeclaringType, string MemberName)
{
    /// <summary>A field or property that holds explicit nodes (a <c>Parameter&lt;T&gt;</c> or a collection of them). Called by generated code.</summary>
    /// <param name="declaringType">The type that declares the member.</param>
    /// <param name="memberName">The member's name.</param>
    /// <param name="readNodes">Reads the member from the traced call's receiver (<see langword="null"/> for static members).</param>
    public TrainableDependency(Type declaringType, string memberName, Func<object?, object?> readNodes)
        : this(declaringType, memberName) => ReadNodes = readNodes;

    /// <summary>
    /// A <c>[Trainable]</c> member read on another object than the call's receiver, reached through fields and auto-properties.
    /// Called by generated code.
    /// </summary>
    /// <param name="declaringType">The type that declares the member.</param>
    /// <param name="memberName">The member's name.</param>
    /// <param name="argument">
    /// The traced method's parameter the path starts from, or <see langword="null"/> when it starts from the call's receiver
    /// (or from a static member).
    /// </param>
    /// <param name="readOwner">
    /// Reads, from the receiver or the argument, the object that declares the member; <see langword="null"/> when something
    /// along the path is null.
    /// </param>
    public TrainableDependency(Type declaringType, string memberName, string? argument, Func<object?, object?> readOwner)
        : this(declaringType, memberName)
    {
        Argument = argument;
        ReadOwner = readOwner;
    }

    /// <summary>
    /// A <c>[Trainable]</c> member read on the elements of a collection (<c>_tools.Select(t =&gt; t.Description)</c>) reached
    /// through fields and auto-properties. Called by generated code.
    /// </summary>
    /// <param name="declaringType">The type that declares the member.</param>
    /// <param name="memberName">The member's name.</param>
    /// <param name="argument">The traced method's parameter the path starts from, or <see langword="null"/> for the receiver.</param>
    /// <param name="readCollection">Reads, from the receiver or the argument, the collection; <see langword="null"/> when something along the path is null.</param>
    /// <param name="readElementOwner">
    /// Reads, from an element, the object that declares the member (<c>s =&gt; s.Book</c> for <c>s.Book.Instruction</c>), or
    /// <see langword="null"/> when the element declares it.
    /// </param>
    public TrainableDependency(Type declaringType, string memberName, string? argument, Func<object?, object?> readCollection, Func<object?, object?>? readElementOwner)
        : this(declaringType, memberName, argument, readCollection)
    {
        Elements = true;
        ReadElementOwner = readElementOwner;
    }

    /// <summary>When <see cref="Elements"/>: reads the object that declares the member from an element, or <see langword="null"/> for the element itself.</summary>
    public Func<object?, object?>? ReadElementOwner { get; }

    /// <summary>
    /// Whether <see cref="ReadOwner"/> returns a collection, each of whose elements leads to the member. The elements are
    /// read only from an array or a collection of the framework's (a list, a set, an immutable or compiler-made collection):
    /// another collection (a lazy sequence, a collection type of the program's) could run code when enumerated.
    /// </summary>
    public bool Elements { get; }

    /// <summary>Reads a member that holds explicit nodes, or <see langword="null"/> for a <c>[Trainable]</c> member.</summary>
    public Func<object?, object?>? ReadNodes { get; }

    /// <summary>The parameter whose argument <see cref="ReadOwner"/> starts from, or <see langword="null"/> for the receiver.</summary>
    public string? Argument { get; }

    /// <summary>Reads the object that declares the member, for a member read on another object; otherwise <see langword="null"/>.</summary>
    public Func<object?, object?>? ReadOwner { get; }
}
