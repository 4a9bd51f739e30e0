using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The fields and auto-properties of a traced method's own object, of an object it is given (<c>Retrieve(Flow f)</c> setting
/// <c>f.Docs</c>), and the static ones, that its body adds to or sets (<c>Notes.Add(Prompt + t)</c>, <c>LastSummary = ...</c>):
/// what it adds to such a collection or builder, and an object it sets such a member to, is its output, linked to its call as
/// what it adds to a list it is given is (see <see cref="FilledArguments"/>). The generator watches them across each call;
/// the analyzer takes what is read back from them as linked where it is passed on as it is, and only them.
/// </summary>
/// <remarks>
/// What the helpers the method calls on its own object change is watched as its own, and so is what a helper it gives one of
/// its parameters to changes in that object. A parameter is watched when it holds an object of a class (not a struct, an
/// interface or a type parameter) and the body never sets the parameter itself. Not watched: what a method of that object
/// itself changes in it (`f.SetDocs(s)`: the object's own business, as a member of a traced call's result is), a member changed inside a
/// lambda or a local function (it may run after the call completed) or by a virtual helper (an override may do otherwise), a
/// member of a struct's own object (the call may work on a copy), the members of an iterator's object (its body runs as it is
/// read), a static member of a static class generated code cannot reach, and a private one of a generic type or of a type
/// generated code cannot name. The analyzer reports those (<see cref="Watched.IsWatched"/> false).
/// </remarks>
internal static class WatchedMembers
{
    /// <summary>How the body changes the member.</summary>
    public enum Kind
    {
        /// <summary>It adds to the collection or the builder the member holds.</summary>
        Filled,

        /// <summary>It sets the member to another object.</summary>
        Set,
    }

    /// <summary>A member the body changes, and whether and how the runtime watches it across a call.</summary>
    /// <param name="Member">The field or the auto-property.</param>
    /// <param name="Kind">How the body changes it.</param>
    /// <param name="Direct">Generated code can name it; otherwise it is read through an <c>UnsafeAccessor</c>.</param>
    /// <param name="IsWatched">The runtime watches it. Not: a member changed in a lambda or a local function, or by a helper an
    /// override may replace, or one it cannot read or link (a value type, a private member of a generic type).</param>
    /// <param name="Holder">The method's parameter whose object the member is of; null for a member of its own object or a static one.</param>
    public readonly record struct Watched(ISymbol Member, Kind Kind, bool Direct, bool IsWatched = true, IParameterSymbol? Holder = null);

    // Whose object `this` is in a body read: the traced method's own (Parameter null) or the object one of its parameters holds.
    private readonly record struct Self(IParameterSymbol? Parameter);

    /// <summary>How deep helpers are followed: the method's own private helpers, and theirs (also for what it reads, ParameterReads).</summary>
    public const int MaxHelperDepth = 3;

    private static readonly ConditionalWeakTable<IOperation, IReadOnlyList<Watched>> s_ofBodies = new();

    /// <summary><see cref="In"/> for a body bound by a semantic model, read once per body.</summary>
    public static IReadOnlyList<Watched> Of(IMethodSymbol method, IOperation body, Func<IMethodSymbol, IOperation?> bodyOf) =>
        body.SemanticModel is { Compilation: var compilation } ? s_ofBodies.GetValue(body, b => In(method, b, compilation, bodyOf)) : [];

    /// <summary>
    /// The members <paramref name="method"/>'s <paramref name="body"/> adds to or sets that are watched, in the order first
    /// written: in the body itself, and in the helpers it calls on its own object or its own type's static ones, whose bodies
    /// <paramref name="bodyOf"/> gives (<c>Ask(q) => Remember(Prompt + q)</c> with <c>Remember(s) => _history.Add(s)</c>).
    /// </summary>
    public static IReadOnlyList<Watched> In(IMethodSymbol method, IOperation body, Compilation compilation, Func<IMethodSymbol, IOperation?> bodyOf)
    {
        var found = new List<Watched>();
        var unwatched = new List<(ISymbol Member, Kind Kind, IParameterSymbol? Holder)>();
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method.OriginalDefinition };
        if (IsIterator(body, FunctionOf(body))) return [];
        var given = method.Parameters.Where(p => IsWatchable(p, body)).ToDictionary<IParameterSymbol, IParameterSymbol, IParameterSymbol>(p => p, p => p, SymbolEqualityComparer.Default);
        Collect(body, new Self(null), given, ownAndStatic: true, unseen: false, depth: 0);
        // A member changed anywhere the runtime does not see is not watched at all: what it holds may be from there.
        var notWatched = new HashSet<(ISymbol, IParameterSymbol?)>(unwatched.Select(u => (u.Member, u.Holder)), HolderComparer.Instance);
        return [.. found.Select(w => notWatched.Contains((w.Member, w.Holder)) ? w with { IsWatched = false } : w),
            .. unwatched.Where(u => !found.Any(w => w.Kind == u.Kind && Same(w, u.Member, u.Holder))).Distinct()
                .Select(u => new Watched(u.Member, u.Kind, Direct: false, IsWatched: false, u.Holder))];

        // `self`: whose object `this` is here (null: none watched). `given`: the parameters of this body that hold an object
        // of the traced method's parameters. `ownAndStatic`: the traced method's own object and static members are watched here.
        void Collect(IOperation root, Self? self, Dictionary<IParameterSymbol, IParameterSymbol> given, bool ownAndStatic, bool unseen, int depth)
        {
            // The function the body is: what its own statements are in, lambdas and local functions aside. What a lambda or a
            // local function writes may be written after the call completed, and an override may replace a virtual helper.
            var function = FunctionOf(root);
            foreach (var operation in root.Descendants())
            {
                var later = unseen || !ReferenceEquals(GlueFlow.EnclosingFunction(operation), function);
                if (operation is IInvocationOperation call && depth < MaxHelperDepth && Helper(call, method, self, given, ownAndStatic) is { } helper
                    && visited.Add(helper.Method) && bodyOf(helper.Method) is { } helperBody)
                {
                    Collect(helperBody, helper.Self, helper.Given, helper.OwnAndStatic, later || helper.Replaceable, depth + 1);
                }

                var (member, instance, kind) = Written(operation);
                if (member is null || HolderOf(instance, self, given, ownAndStatic, depth) is not { } holder) continue;
                if (holder.Parameter is null && !(member.IsStatic ? ownAndStatic : self is { Parameter: null } && IsOwn(method))) continue;
                var type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
                var watchable = kind == Kind.Filled ? FilledArguments.MayFill(type) : !type.IsValueType && type.IsRecordable();
                var reach = watchable && (holder.Parameter is null || given.ContainsValue(holder.Parameter)) ? Reach(member, type, compilation, holder.Parameter is not null) : null;
                if (later || reach is null)
                {
                    unwatched.Add((member, kind, holder.Parameter));
                    continue;
                }

                if (!found.Any(w => w.Kind == kind && Same(w, member, holder.Parameter))) found.Add(new Watched(member, kind, reach.Value, Holder: holder.Parameter));
            }
        }
    }

    private static bool Same(Watched watched, ISymbol member, IParameterSymbol? holder) =>
        SymbolEqualityComparer.Default.Equals(watched.Member, member) && SymbolEqualityComparer.Default.Equals(watched.Holder, holder);

    // Whose member a write is of: a static one, the body's `this`, or an object a parameter holds (the traced method's own
    // parameter, as the caller gave it, or a helper's that was given one). A parameter of the traced method the runtime
    // cannot watch still names its holder, so that what is written there is said to be unwatched.
    private static Self? HolderOf(IOperation? instance, Self? self, Dictionary<IParameterSymbol, IParameterSymbol> given, bool ownAndStatic, int depth) => instance switch
    {
        null => ownAndStatic ? new Self(null) : null,
        IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => self,
        IParameterReferenceOperation { Parameter: var parameter } when given.TryGetValue(parameter.OriginalDefinition, out var held) => new Self(held),
        IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: not (MethodKind.LambdaMethod or MethodKind.LocalFunction) } } parameter }
            when depth == 0 && parameter.RefKind == RefKind.None && parameter.Type.IsReferenceType => new Self(parameter.OriginalDefinition),
        _ => null,
    };

    // A parameter whose object's members the runtime can watch: of a class the interceptor can name, passed by value, and
    // never set in the body (what is set through it after that is another object's).
    public static bool IsWatchable(IParameterSymbol parameter, IOperation body) =>
        parameter is { RefKind: RefKind.None, Type: INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } type }
        && !InGenericType(type)
        && !body.Descendants().Any(o => o is IAssignmentOperation { Target: IParameterReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Parameter, parameter)
            || o is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: IParameterReferenceOperation passed } && SymbolEqualityComparer.Default.Equals(passed.Parameter, parameter));

    private sealed class HolderComparer : IEqualityComparer<(ISymbol Member, IParameterSymbol? Holder)>
    {
        public static readonly HolderComparer Instance = new();

        public bool Equals((ISymbol Member, IParameterSymbol? Holder) x, (ISymbol Member, IParameterSymbol? Holder) y) =>
            SymbolEqualityComparer.Default.Equals(x.Member, y.Member) && SymbolEqualityComparer.Default.Equals(x.Holder, y.Holder);

        public int GetHashCode((ISymbol Member, IParameterSymbol? Holder) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Member);
    }

    private static IOperation? FunctionOf(IOperation body) => GlueFlow.EnclosingFunction(body.Descendants().FirstOrDefault() ?? body);

    // A method of the project the body calls on its own object (`Remember(s)`, `this.Remember(s)`) or a static one of its own
    // type, or that it calls on or gives an object a watched parameter holds (`f.SetDocs(s)`, `Util.SetDocs(f, s)`): whose object
    // `this` is there, which of its parameters hold watched objects, whether the traced method's own object and static members
    // are watched there, and whether an override may replace it (its body is read, and what it changes is then not watched).
    private static (IMethodSymbol Method, Self? Self, Dictionary<IParameterSymbol, IParameterSymbol> Given, bool OwnAndStatic, bool Replaceable)? Helper(
        IInvocationOperation call, IMethodSymbol method, Self? self, Dictionary<IParameterSymbol, IParameterSymbol> given, bool ownAndStatic)
    {
        if (ProjectMethod(call) is not { } helper) return null;
        var replaceable = helper.IsVirtual || helper.IsOverride && !helper.IsSealed;
        var passed = new Dictionary<IParameterSymbol, IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (var argument in call.Arguments)
        {
            if (argument is { Parameter: { RefKind: RefKind.None } parameter, Value: var value } && Unconverted(value) is IParameterReferenceOperation { Parameter: var held }
                && given.TryGetValue(held.OriginalDefinition, out var root))
            {
                passed[parameter.OriginalDefinition] = root;
            }
        }

        switch (call.Instance)
        {
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                return (helper, self, passed, ownAndStatic, replaceable);
            case null when helper.IsStatic && ownAndStatic && SymbolEqualityComparer.Default.Equals(helper.ContainingType, method.ContainingType.OriginalDefinition):
                return (helper, null, passed, true, false);
            case var instance when Unconverted(instance) is IParameterReferenceOperation { Parameter: var on } && given.TryGetValue(on.OriginalDefinition, out var root):
                // Read so that what it changes is known, and said to be unwatched.
                return (helper, new Self(root), passed, false, Replaceable: true);
            case null when helper.IsStatic && passed.Count > 0:
                return (helper, null, passed, false, false);
            default:
                return null;
        }
    }

    /// <summary>The method a call runs when its body is one of the project's (an override may still replace a virtual one).</summary>
    public static IMethodSymbol? ProjectMethod(IInvocationOperation call) =>
        call.TargetMethod.OriginalDefinition is { MethodKind: MethodKind.Ordinary, IsAbstract: false, IsExtern: false, IsExtensionMethod: false, DeclaringSyntaxReferences.Length: > 0 } helper
            ? helper : null;

    private static IOperation? Unconverted(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion) operation = conversion.Operand;
        return operation;
    }

    /// <summary>
    /// Whether a body may add to or set a member, by its syntax alone: an assignment, a call named like an addition, or a call
    /// that may be of a helper of its own (`Remember(s)`, `this.Remember(s)`) or of one made on an object a parameter holds
    /// (`f.SetDocs(s)`; <paramref name="parameters"/> are the method's parameter names). Only such bodies are bound to find out.
    /// </summary>
    public static bool MayWatch(SyntaxNode body, IReadOnlyCollection<string> parameters) =>
        body.DescendantNodes().Any(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax
            || n is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation
                && (MayAdd(TracedNames.InvokedName(invocation)) || invocation.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax
                    || invocation.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.ThisExpressionSyntax }
                    || invocation.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: var on } }
                        && parameters.Contains(on)));

    // The member an operation adds to or sets, when it is a field or an auto-property, with the object it is of (null: static).
    public static (ISymbol? Member, IOperation? Instance, Kind Kind) Written(IOperation operation) => operation switch
    {
        IAssignmentOperation { Target: IMemberReferenceOperation target } when Stored(target) is { } set => (set, target.Instance, Kind.Set),
        IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IMemberReferenceOperation indexed } } => (Stored(indexed), indexed.Instance, Kind.Filled),
        IAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: IMemberReferenceOperation array } } => (Stored(array), array.Instance, Kind.Filled),
        IInvocationOperation call when MayAdd(call.TargetMethod.Name) && Receiver(call) is IMemberReferenceOperation filled => (Stored(filled), filled.Instance, Kind.Filled),
        _ => (null, null, Kind.Set),
    };

    // What a call works on: its receiver, the start of a chain of builder calls (`Log.Append(a).Append(b)`), or an extension's first argument.
    private static IOperation? Receiver(IInvocationOperation call)
    {
        var receiver = call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : call.Instance;
        while (receiver is IInvocationOperation { Instance: { } inner } chained && TextBuilderCalls.IsBuilder(chained.Type)) receiver = inner;
        while (receiver is IConversionOperation { IsImplicit: true } conversion) receiver = conversion.Operand;
        return receiver;
    }

    // The names of the members that add to a collection or a builder (`Add`, `AddRange`, `AppendLine`, `Insert`, `Enqueue`, `TryAdd`).
    private static bool MayAdd(string name) =>
        name.StartsWith("Add", System.StringComparison.Ordinal) || name.StartsWith("Append", System.StringComparison.Ordinal)
        || name.StartsWith("Insert", System.StringComparison.Ordinal) || name is "Enqueue" or "Push" or "TryAdd" or "GetOrAdd" or "TryUpdate";

    // A field, or a property that holds what it was set to, read on `this`, on a parameter or statically.
    public static ISymbol? Stored(IMemberReferenceOperation reference)
    {
        if (reference.Instance is not (null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } or IParameterReferenceOperation)) return null;
        return reference.Member switch
        {
            IFieldSymbol { IsConst: false, RefKind: RefKind.None } field => field,
            IPropertySymbol { IsIndexer: false, RefKind: RefKind.None } property when property.IsAutoProperty() => property,
            _ => null,
        };
    }

    private static bool IsOwn(IMethodSymbol method) => !method.IsStatic && method.ContainingType is { TypeKind: TypeKind.Class };

    // Whether generated code reaches the member: by its name (true), through an UnsafeAccessor (false), or not at all (null).
    // A member of an object a parameter holds is read through the type that declares it, which must then not be generic.
    public static bool? Reach(ISymbol member, ITypeSymbol type, Compilation compilation, bool ofParameter)
    {
        if (ofParameter && InGenericType(member.ContainingType)) return null;
        // What is read is a property's getter, which may be less accessible than the property (`{ private get; set; }`).
        var read = member is IPropertySymbol { GetMethod: { } getter } ? getter : member;
        // A static member of a generic type is named with its type arguments, which a call's interceptor may not have; a private
        // one of a static class has no type an accessor's parameter could name.
        if (member.IsStatic && (InGenericType(member.ContainingType) || Unnameable.PartOf(member.ContainingType, compilation) is not null)) return null;
        if (ProjectAccess.Allows(read, compilation)) return true;
        if (member.IsStatic && member.ContainingType.IsStatic) return null;
        return !InGenericType(member.ContainingType) && Unnameable.PartOf(member.ContainingType, compilation) is null && Unnameable.PartOf(type, compilation) is null ? false : null;
    }

    private static bool InGenericType(INamedTypeSymbol type)
    {
        for (var level = type; level is not null; level = level.ContainingType)
        {
            if (level.IsGenericType) return true;
        }

        return false;
    }

    private static bool IsIterator(IOperation body, IOperation? function) =>
        body.Descendants().Any(o => o is IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak } && ReferenceEquals(GlueFlow.EnclosingFunction(o), function));
}
