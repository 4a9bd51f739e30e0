using System;

namespace Opto.Generators.Model;

// The generator's pipeline models: plain, value-equatable data. No symbols, syntax nodes, locations or
// compilations are kept, so unrelated edits leave the cached steps untouched.

/// <summary>How a traced call returns, which decides how its completion is recorded.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>How the interceptor reaches the method: a normal call, or an UnsafeAccessor for members the generated code cannot see.</summary>
internal enum InvocationKind
{
    Instance,
    Static,
    ReducedExtension,
}

/// <summary>Where a call's argument comes from, as far as the compiler can tell.</summary>
internal enum ArgumentSource
{
    /// <summary>Any expression: linked by identity at run time.</summary>
    Value,

    /// <summary>A compile-time constant or an omitted optional argument: always a fresh input.</summary>
    Constant,

    /// <summary>Directly the result of another traced call (a value type, which has no identity): handed over by that call.</summary>
    TracedCall,

    /// <summary>Plumbing, not data (a <c>CancellationToken</c>): passed through, never an input of the graph.</summary>
    NotRecorded,
}

/// <summary>Whether an argument holds elements that can each be linked to the node that produced them.</summary>
internal enum CollectionKind
{
    None,

    /// <summary>A sequence of elements that can carry an identity (<c>IEnumerable&lt;T&gt;</c>, arrays, lists, sets).</summary>
    Items,

    /// <summary>A dictionary (a sequence of key/value pairs) whose keys or values can carry an identity.</summary>
    Pairs,

    /// <summary>A tuple with an element that can carry an identity.</summary>
    Tuple,
}

/// <summary>A parameter of a traced method, with its type spelled fully qualified (type arguments substituted).</summary>
/// <param name="FeederTag">For <see cref="ArgumentSource.TracedCall"/>, the tag of the call site that produces the argument.</param>
/// <param name="Attributes">Attributes the interceptor's parameter repeats (<c>[DynamicallyAccessedMembers]</c>), as C#, or null.</param>
/// <param name="Collection">Whether the argument's elements are linked one by one.</param>
/// <param name="ElementTypes">For <see cref="CollectionKind.Items"/> the element type, for <see cref="CollectionKind.Pairs"/> the key and value types.</param>
/// <param name="Glue">Set when results of earlier traced calls of the same function flow into the argument through untraced code.</param>
/// <param name="Viewed">Whether a generic interceptor reads the elements through a view of the value (<c>IEnumerable&lt;object&gt;</c>, <c>IDictionary</c>,
/// <c>ITuple</c>), its declared type not showing them (a bare type parameter).</param>
/// <param name="Filled">The method may add to the argument (a list, a dictionary, a <c>StringBuilder</c>: see <c>FilledArguments</c>):
/// what it adds is linked to its call.</param>
/// <param name="PassedBy">How the parameter is passed when not by value: <c>out</c>, <c>ref</c>, <c>in</c> or <c>ref readonly</c>.
/// What the method sets in an <c>out</c> or <c>ref</c> one is its output too.</param>
internal sealed record ParameterSpec(string Name, string Type, ArgumentSource Source, string? FeederTag, string? Attributes = null, CollectionKind Collection = CollectionKind.None, string? ElementTypes = null, GlueSpec? Glue = null, bool Viewed = false, bool Filled = false, string? PassedBy = null) : IEquatable<ParameterSpec>
{
    /// <summary>Whether the method may set the argument (<c>out</c> or <c>ref</c>).</summary>
    public bool IsSet => PassedBy is "out" or "ref";
}

/// <summary>The traced calls whose results flow into an argument, and the C# expression that turned them into it.</summary>
/// <param name="IsDirect">The argument is a producer's result itself, reached through locals (no glue node is recorded).</param>
/// <param name="Expression">The expression as the user wrote it, shown to the optimizer as the glue node's operator.</param>
/// <param name="Sources">The tags (interceptable-location data) of the producer call sites.</param>
/// <param name="Reads">[Trainable] members the glue reads, on the calling object or statically.</param>
/// <param name="CallerKey">Where instance members in <paramref name="Reads"/> are read: null for the call's own receiver (the
/// caller called it on <c>this</c>), otherwise the documentation ID of the traced method the glue is written in, whose
/// running call knows the object.</param>
internal sealed record GlueSpec(bool IsDirect, string Expression, EquatableArray<string> Sources, EquatableArray<DependencySpec> Reads, string? CallerKey) : IEquatable<GlueSpec>;

/// <summary>
/// What generated code that names a user's symbols needs so that it compiles wherever the user's code did: the user's
/// call is checked where it is written, and the generated code repeats the callee's own requirements.
/// </summary>
/// <param name="Obsolete">Something named is <c>[Obsolete]</c>: the generated member is marked obsolete too, so it may use
/// obsolete symbols (also <c>error: true</c> ones), as the user's obsolete member did.</param>
/// <param name="ObsoleteError">Something named is <c>[Obsolete(..., error: true)]</c>.</param>
/// <param name="Suppressions">Diagnostic IDs the generated file disables: <c>[Experimental]</c> IDs, <c>[Obsolete]</c>
/// diagnostic IDs, and CA2252 for APIs that require preview features.</param>
/// <param name="Requirements">Attributes the generated member repeats from its callee, as C#:
/// <c>[RequiresUnreferencedCode]</c>, <c>[RequiresDynamicCode]</c>, <c>[RequiresAssemblyFiles]</c>.</param>
internal sealed record ContextSpec(bool Obsolete, bool ObsoleteError, EquatableArray<string> Suppressions, EquatableArray<string> Requirements) : IEquatable<ContextSpec>
{
    public static readonly ContextSpec None = new(false, false, EquatableArray<string>.Empty, EquatableArray<string>.Empty);
}

/// <summary>One call of a traced method that gets its own interceptor.</summary>
/// <remarks><c>FeedTag</c> is set when the call's value-typed result is passed directly to another traced call, which it hands its node to.</remarks>
/// <param name="ReturnAttributes">Attributes the interceptor's result repeats (<c>[return: DynamicallyAccessedMembers]</c>), as C#, or null.</param>
/// <param name="ConditionalSymbols">For a <c>[Conditional]</c> method, its symbols that are defined where the call is written
/// (the generated file defines them too, or its own call of the method would be removed).</param>
/// <param name="UnsafeBlocks">The project uses the updated memory safety rules and allows unsafe code: the interceptor
/// calls the method inside an <c>unsafe</c> block, since the method may require an unsafe context the user's call had.</param>
/// <param name="SafeExtern">The project uses the updated memory safety rules: an <c>extern</c> accessor is marked <c>safe</c>.</param>
/// <param name="ReceiverIsReadOnly">A struct receiver of a <c>readonly</c> member or of a <c>readonly struct</c>: taken by <c>in</c>, so a
/// readonly field, an <c>in</c> parameter or a temporary value can be the receiver.</param>
/// <param name="StaticClassName">For a static method of a static class reached through an <c>UnsafeAccessor</c>: the class's
/// runtime name, which the accessor's <c>[UnsafeAccessorType]</c> gives, since no parameter can have a static class as its type.</param>
/// <param name="TypeParameters">A generic interceptor's type parameters as it passes them on (<c>&lt;T&gt;</c>), or empty.</param>
/// <param name="TypeParameterDeclarations">The same as the interceptor declares them, with their attributes, or empty.</param>
/// <param name="Watched">The members of the call's object, of the objects it is given, or static ones, the method adds to or sets,
/// and those of the objects it is given that it reads.</param>
internal sealed record CallSiteSpec(
    string FilePath,
    int Position,
    int LocationVersion,
    string LocationData,
    string LocationDisplay,
    string OperatorKey,
    string MethodName,
    string TypeArguments,
    string ContainingType,
    InvocationKind Invocation,
    string? ReceiverType,
    bool ReceiverIsValueType,
    bool ReceiverIsReadOnly,
    bool ViaUnsafeAccessor,
    EquatableArray<ParameterSpec> Parameters,
    string ReturnType,
    ReturnKind ReturnKind,
    string ResultType,
    string? FeedTag,
    string? CodeDelegate,
    ContextSpec Context,
    string? ReturnAttributes,
    EquatableArray<string> ConditionalSymbols,
    bool UnsafeBlocks,
    bool SafeExtern,
    string? SlotTag = null,
    string TypeParameters = "",
    string Constraints = "",
    GenericAccessorSpec? GenericAccessor = null,
    string? StaticClassName = null,
    ReceiverSpec? Receiver = null,
    string TypeParameterDeclarations = "",
    EquatableArray<WatchedMemberSpec>? Watched = null,
    EquatableArray<DependencySpec>? Controls = null,
    DecisionSpec? Decision = null) : IEquatable<CallSiteSpec>;

/// <summary>
/// The conditions over traced calls' results that decide whether a call runs (<c>if (Classify(q) == "refund")</c> around it),
/// which its node gets as a parent.
/// </summary>
/// <param name="Expression">The conditions as the user wrote them, separated by <c>; </c>.</param>
/// <param name="Sources">The slot tags of the producer call sites they read, as <see cref="GlueSpec.Sources"/>.</param>
internal sealed record DecisionSpec(string Expression, EquatableArray<string> Sources) : IEquatable<DecisionSpec>;

/// <summary>
/// A field or auto-property of the call's object, of an object it is given, or a static one, that the method adds to or sets
/// (see <c>WatchedMembers</c>): what it adds or sets there is linked to its call. Or one of an object it is given that it
/// reads (see <c>ParameterReads</c>): what a traced call made there is linked to it.
/// </summary>
/// <param name="Name">The member's name, as node names show it.</param>
/// <param name="Filled">The method adds to what the member holds; otherwise it sets the member.</param>
/// <param name="IsStatic">The member is static.</param>
/// <param name="Owner">The type that declares the member, fully qualified.</param>
/// <param name="MemberType">The member's type, fully qualified.</param>
/// <param name="Accessor">How an <c>UnsafeAccessor</c> reaches a member generated code cannot name (<c>Field</c> for a field,
/// <c>Method</c> for a property's getter); null when it is read by its name.</param>
/// <param name="MetadataName">The field's or the getter's name, for the accessor.</param>
/// <param name="Parameter">The method's parameter whose object the member is of; null for the call's object or a static member.</param>
/// <param name="IsRead">The method reads the member of its parameter's object (see <c>ParameterReads</c>), rather than changing it.</param>
internal sealed record WatchedMemberSpec(string Name, bool Filled, bool IsStatic, string Owner, string MemberType, string? Accessor, string MetadataName,
    string? Parameter = null, bool IsRead = false) : IEquatable<WatchedMemberSpec>;

/// <summary>The calls of one file the generator intercepts: traced calls, and the calls that store glue over them in a collection.</summary>
internal sealed record FileCallSites(EquatableArray<CallSiteSpec> Calls, EquatableArray<StoreSiteSpec> Stores) : IEquatable<FileCallSites>
{
    public static FileCallSites Empty { get; } = new(EquatableArray<CallSiteSpec>.Empty, EquatableArray<StoreSiteSpec>.Empty);
}

/// <summary>
/// A call that puts glue over traced calls into a collection of the framework or a <c>StringBuilder</c> (see
/// <see cref="Parsing.StoredGlue"/>): its interceptor makes the call, then records each such value as glue over its
/// producers (a builder's, first, then hands the call to the builder's own interceptor, which records it as a part).
/// </summary>
/// <param name="ReceiverType">The collection's type, as the method declares it (the interceptor's <c>this</c>).</param>
/// <param name="Parameters">The method's parameters as declared: type and name.</param>
/// <param name="Name">The base name of the values' glue nodes: the collection's own name as written.</param>
/// <param name="BuilderMethod">For a builder's put, the <c>TextBuilders</c> method that makes it; empty for a collection's.</param>
internal sealed record StoreSiteSpec(
    string FilePath,
    int Position,
    int LocationVersion,
    string LocationData,
    string LocationDisplay,
    string ReceiverType,
    string MethodName,
    EquatableArray<StoreParameterSpec> Parameters,
    string ReturnType,
    string Name,
    EquatableArray<StoredValueSpec> Values,
    string BuilderMethod) : IEquatable<StoreSiteSpec>;

/// <summary>One parameter of a storing method, as the interceptor declares it.</summary>
internal sealed record StoreParameterSpec(string Type, string Name) : IEquatable<StoreParameterSpec>;

/// <summary>A value a storing call puts in that is glue over traced calls: its parameter, its expression, the producers' slots.</summary>
internal sealed record StoredValueSpec(int Ordinal, string Expression, EquatableArray<string> Sources) : IEquatable<StoredValueSpec>;

/// <summary>
/// How a call made on another object than <c>this</c> links that object to the traced call that produced it: by identity
/// (a reference type, <see cref="Sources"/> empty), from the producer's slot when the compiler proved the object is that
/// call's value-typed result (<see cref="IsDirect"/>), or as glue over the producers (<c>Load(path).Pages[0]</c>).
/// </summary>
/// <param name="Name">The base name of a glue node made for it: its type's name, camel-cased.</param>
internal sealed record ReceiverSpec(bool IsDirect, string Name, string Expression, EquatableArray<string> Sources) : IEquatable<ReceiverSpec>;

/// <summary>
/// The type parameters of a generic <c>UnsafeAccessor</c>: its class's are the reached type's (empty for a non-generic
/// type), its method's the reached method's; with their constraint clauses.
/// </summary>
internal sealed record GenericAccessorSpec(string ClassTypeParameters, string ClassConstraints, string MethodTypeParameters, string MethodConstraints) : IEquatable<GenericAccessorSpec>;

/// <summary>A trainable member a traced method's body reads.</summary>
/// <param name="Nodes">Set when the member holds explicit nodes (a <c>Parameter&lt;T&gt;</c> or a collection of them) rather than being <c>[Trainable]</c>.</param>
/// <param name="Path">Set when the member is read on another object than the call's receiver: how that object is reached.</param>
internal sealed record DependencySpec(string DeclaringType, string MemberName, NodeReadSpec? Nodes = null, AccessPathSpec? Path = null) : IEquatable<DependencySpec>;

/// <summary>
/// How generated code reaches, at the call's completion, the object whose trainable member a traced method reads: from the
/// call's receiver, one of its arguments, or a static member, through fields and auto-properties.
/// </summary>
/// <param name="Argument">The traced method's parameter the path starts from, or null for the receiver (or a static first step).</param>
/// <param name="RootType">The type the root is tested against (the argument's type, or the first member's declaring type).</param>
/// <param name="Steps">The members read in order; the last one holds the object that declares the trainable member.</param>
/// <param name="Elements">Whether the last one holds a collection whose elements each lead to the member.</param>
/// <param name="ElementPath">From an element to the object that declares the member, when that is not the element itself.</param>
internal sealed record AccessPathSpec(string? Argument, string RootType, EquatableArray<PathStepSpec> Steps, bool Elements = false, AccessPathSpec? ElementPath = null)
    : IEquatable<AccessPathSpec>;

/// <summary>One member read along an access path.</summary>
/// <param name="Container">The type the member is read from, fully qualified without nullable annotation.</param>
/// <param name="ValueType">The member's type, fully qualified.</param>
/// <param name="Name">The member's name when generated code can name it, otherwise the field's metadata name.</param>
/// <param name="Direct">Read as <c>o.Name</c> (or <c>Type.Name</c>); otherwise through an <c>UnsafeAccessor</c> to the field.</param>
internal sealed record PathStepSpec(string Container, string ValueType, string Name, bool Direct, bool IsStatic) : IEquatable<PathStepSpec>;

/// <summary>How generated code reads a field or property that holds explicit nodes: an UnsafeAccessor of this kind and member name.</summary>
/// <param name="AccessorKind">An <c>UnsafeAccessorKind</c> member name: Field, StaticField, Method or StaticMethod.</param>
/// <param name="AccessorName">The field's metadata name, or the getter's (<c>get_X</c>).</param>
/// <param name="ValueType">The member's type, fully qualified.</param>
internal sealed record NodeReadSpec(string AccessorKind, string AccessorName, string ValueType) : IEquatable<NodeReadSpec>;

/// <summary>A traced method as declared: what goes into the operator catalog.</summary>
/// <param name="Context">What naming the dependencies' declaring types needs.</param>
/// <param name="CallsNoTracedCode">Whether the body provably makes no traced call, so the runtime need not track nested calls.</param>
internal sealed record TracedMethodSpec(string Key, string? Summary, EquatableArray<DependencySpec> Dependencies, ContextSpec Context, bool CallsNoTracedCode = false) : IEquatable<TracedMethodSpec>;

/// <summary>How generated code reads or writes one accessor of a trainable member.</summary>
internal enum AccessKind
{
    Direct,
    UnsafeField,
    UnsafeMethod,
}

/// <summary>The code of a <c>[Trainable]</c> method, captured at compile time.</summary>
/// <param name="Key">The method's documentation ID.</param>
/// <param name="Source">The declaration with its doc comment, without attributes.</param>
/// <param name="Usings">The using directives in scope (global ones included), as written.</param>
/// <param name="DelegateType">The <c>Func</c>/<c>Action</c> type that stands in for the method.</param>
internal sealed record CodeSpec(string Key, string Source, EquatableArray<string> Usings, string DelegateType) : IEquatable<CodeSpec>;

/// <summary>A <c>[Trainable]</c> field or property the optimizer can read and write, or a method whose code is a parameter (<see cref="Code"/>).</summary>
/// <param name="TypeContext">What naming the containing type needs (the <c>TrainableParameters()</c> extension names only it).</param>
/// <param name="Context">What the registration needs: the member, its containing type and its value type.</param>
/// <param name="ExplicitInterface">
/// For an explicit interface implementation (<c>string IPersona.Voice { get; set; }</c>), the interface it is read and
/// written through; <see cref="Name"/> is then <c>IPersona.Voice</c>.
/// </param>
internal sealed record TrainableMemberSpec(
    string ContainingType,
    string ContainingTypeName,
    string? Namespace,
    bool ContainingTypeIsPublic,
    bool ContainingTypeIsStatic,
    string Name,
    string ValueType,
    bool IsStatic,
    bool IsField,
    AccessKind Getter,
    AccessKind Setter,
    string? Description,
    string? Constraint,
    ContextSpec TypeContext,
    ContextSpec Context,
    CodeSpec? Code = null,
    EquatableArray<ImplementedMemberSpec>? Implements = null,
    string? ExplicitInterface = null) : IEquatable<TrainableMemberSpec>;

/// <summary>An interface or base-class property a trainable property implements or overrides: a read of it may be a read of the trainable.</summary>
/// <param name="DeclaringType">The interface or class that declares it, fully qualified.</param>
/// <param name="Name">Its name.</param>
internal sealed record ImplementedMemberSpec(string DeclaringType, string Name) : IEquatable<ImplementedMemberSpec>;

/// <summary>What a held member holds: one object, a list or array of them (named by position), or a dictionary's values (named by key).</summary>
internal enum HeldKind
{
    One,
    List,
    Dictionary,
}

/// <summary>How generated code reads a held member.</summary>
internal enum HeldAccess
{
    /// <summary><c>o.Member</c>.</summary>
    Direct,

    /// <summary>An <c>UnsafeAccessor</c> to the field (private fields, and the hidden field of a captured primary-constructor parameter).</summary>
    UnsafeField,

    /// <summary>An <c>UnsafeAccessor</c> to the property's getter.</summary>
    UnsafeGetter,
}

/// <summary>
/// A field or auto-property through which a class holds objects that may have trainable parameters (or a collection of them).
/// Whether it is followed is decided once every type is known (<see cref="HeldMemberSpec.ElementIsTrainable"/> or a type of the project).
/// </summary>
/// <param name="Name">The name in paths: the member's name, or the primary-constructor parameter's name.</param>
/// <param name="MetadataName">The name an <c>UnsafeAccessor</c> looks up (<c>&lt;planner&gt;P</c> for a captured parameter).</param>
/// <param name="MemberType">The member's declared type, fully qualified.</param>
/// <param name="ElementType">The held objects' declared type (the member's type, or the collection's element or value type), without nullable annotation.</param>
/// <param name="KeyType">The dictionary's key type.</param>
/// <param name="ElementIsTrainable">Whether the element type, or a base type, declares <c>[Trainable]</c> members (or, from another assembly, has a generated <c>TrainableParameters()</c>).</param>
internal sealed record HeldMemberSpec(
    string Name,
    string MetadataName,
    string MemberType,
    HeldKind Kind,
    string ElementType,
    string? KeyType,
    HeldAccess Access,
    bool ElementIsTrainable) : IEquatable<HeldMemberSpec>;

/// <summary>
/// A class of the project as far as composition needs it: the members through which it may hold objects with trainable
/// parameters, its base classes and interfaces declared in the project, and whether it declares <c>[Trainable]</c> members.
/// </summary>
/// <param name="BaseTypes">The base classes declared in the project, nearest first.</param>
/// <param name="Interfaces">The interfaces it implements that are declared in the project.</param>
/// <param name="TypeContext">What naming the type needs (its <c>TrainableParameters()</c> extension names only it).</param>
/// <param name="Context">What naming the type and its held members needs (the registration reads the members).</param>
internal sealed record HolderTypeSpec(
    string Type,
    string TypeName,
    string? Namespace,
    bool IsPublic,
    bool DeclaresTrainable,
    EquatableArray<string> BaseTypes,
    EquatableArray<string> Interfaces,
    EquatableArray<HeldMemberSpec> Members,
    ContextSpec TypeContext,
    ContextSpec Context) : IEquatable<HolderTypeSpec>;

/// <summary>A type that gets a <c>TrainableParameters()</c> extension: it declares trainable members or holds objects that have them.</summary>
/// <param name="TypeContext">What naming the type needs (known for types that declare trainable members).</param>
internal sealed record ParameterOwnerSpec(string Type, string TypeName, string? Namespace, bool IsPublic, ContextSpec TypeContext) : IEquatable<ParameterOwnerSpec>;

/// <summary>The glue calls of one file: text combiners and the builder calls that put text in and take it out.</summary>
internal sealed record GlueCallSites(EquatableArray<CombinerSiteSpec> Combiners, EquatableArray<BuilderSiteSpec> Builders, EquatableArray<PickerSiteSpec> Pickers) : IEquatable<GlueCallSites>
{
    public static GlueCallSites Empty { get; } = new(EquatableArray<CombinerSiteSpec>.Empty, EquatableArray<BuilderSiteSpec>.Empty, EquatableArray<PickerSiteSpec>.Empty);
}

/// <summary>One call of a LINQ method that picks a text of a sequence (see <see cref="Parsing.Pickers"/>), with its own interceptor.</summary>
/// <param name="MethodName">The method's name (<c>MaxBy</c>, <c>First</c>).</param>
/// <param name="TypeParameters">The interceptor's type parameter list (<c>&lt;TSource, TKey&gt;</c>).</param>
/// <param name="ReturnType">The method's return type as declared (<c>TSource?</c>).</param>
/// <param name="ParameterTypes">The method's parameter types as declared, the interceptor's too.</param>
/// <param name="ParameterNames">The method's parameter names, at the same places.</param>
internal sealed record PickerSiteSpec(
    string FilePath,
    int Position,
    int LocationVersion,
    string LocationData,
    string LocationDisplay,
    string MethodName,
    string TypeParameters,
    string ReturnType,
    EquatableArray<string> ParameterTypes,
    EquatableArray<string> ParameterNames) : IEquatable<PickerSiteSpec>;

/// <summary>One intercepted call of a <c>StringBuilder</c> member (see <see cref="Parsing.TextBuilderCalls"/>).</summary>
/// <param name="Name">For <c>ToString()</c>: the base name of the text's glue node; empty otherwise.</param>
/// <param name="Expression">For <c>ToString()</c>: the call as the user wrote it, the glue node's operator; empty otherwise.</param>
internal sealed record BuilderSiteSpec(
    string FilePath,
    int Position,
    int LocationVersion,
    string LocationData,
    string LocationDisplay,
    Parsing.TextBuilderCalls.Kind Kind,
    string Name,
    string Expression) : IEquatable<BuilderSiteSpec>;

/// <summary>One call of a text combiner (<c>string.Join</c>, <c>string.Concat</c> over parts) that gets its own interceptor.</summary>
/// <param name="MethodName"><c>Join</c> or <c>Concat</c>.</param>
/// <param name="TypeParameters">The interceptor's type parameter list for a generic overload (<c>&lt;T&gt;</c>), or empty.</param>
/// <param name="ParameterTypes">The overload's parameter types as declared (nullability included), the interceptor's too.</param>
/// <param name="Expression">The call as the user wrote it, shown to the optimizer as the glue node's operator.</param>
/// <param name="LeavesSlot">Whether its text is a producer of glue (<see cref="Parsing.Combiners.IsGlueProducer"/>): its
/// interceptor leaves the text's node in the slot of its location, as a traced producer does.</param>
internal sealed record CombinerSiteSpec(
    string FilePath,
    int Position,
    int LocationVersion,
    string LocationData,
    string LocationDisplay,
    string MethodName,
    string TypeParameters,
    EquatableArray<string> ParameterTypes,
    int PartsIndex,
    bool PartsAreSpan,
    bool PartsAreSequence,
    bool StringSeparator,
    string Expression,
    bool LeavesSlot = false) : IEquatable<CombinerSiteSpec>;
