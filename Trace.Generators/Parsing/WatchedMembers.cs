using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The fields and auto-properties of a traced method's own object, and the static ones, that its body adds to or sets
/// (<c>Notes.Add(Prompt + t)</c>, <c>LastSummary = ...</c>): what it adds to such a collection or builder, and an object it
/// sets such a member to, is its output, linked to its call as what it adds to a list it is given is (see
/// <see cref="FilledArguments"/>). The generator watches them across each call; the analyzer takes what is read back from
/// them as linked where it is passed on as it is, and only them.
/// </summary>
/// <remarks>
/// What the helpers the method calls on its own object change is watched as its own. Not watched: a member changed inside a
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
    public readonly record struct Watched(ISymbol Member, Kind Kind, bool Direct, bool IsWatched = true);

    // How deep helpers are followed: the method's own private helpers, and theirs.
    private const int MaxHelperDepth = 3;

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
        var unwatched = new List<(ISymbol Member, Kind Kind)>();
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method.OriginalDefinition };
        if (IsIterator(body, FunctionOf(body))) return [];
        Collect(body, onThis: true, unseen: false, depth: 0);
        // A member changed anywhere the runtime does not see is not watched at all: what it holds may be from there.
        var notWatched = new HashSet<ISymbol>(unwatched.Select(u => u.Member), SymbolEqualityComparer.Default);
        return [.. found.Select(w => notWatched.Contains(w.Member) ? w with { IsWatched = false } : w),
            .. unwatched.Where(u => !found.Any(w => w.Kind == u.Kind && SymbolEqualityComparer.Default.Equals(w.Member, u.Member))).Distinct()
                .Select(u => new Watched(u.Member, u.Kind, Direct: false, IsWatched: false))];

        void Collect(IOperation root, bool onThis, bool unseen, int depth)
        {
            // The function the body is: what its own statements are in, lambdas and local functions aside. What a lambda or a
            // local function writes may be written after the call completed, and an override may replace a virtual helper.
            var function = FunctionOf(root);
            foreach (var operation in root.Descendants())
            {
                var later = unseen || !ReferenceEquals(GlueFlow.EnclosingFunction(operation), function);
                if (operation is IInvocationOperation call && depth < MaxHelperDepth && Helper(call, method) is { Helper: var helper, Replaceable: var replaceable } && visited.Add(helper) && bodyOf(helper) is { } helperBody)
                {
                    Collect(helperBody, onThis && call.Instance is not null, later || replaceable, depth + 1);
                }

                var (member, kind) = Written(operation);
                if (member is null || !(member.IsStatic || onThis) || !IsOwnOrStatic(member, method)) continue;
                var type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
                var watchable = kind == Kind.Filled ? FilledArguments.MayFill(type) : !type.IsValueType && type.IsRecordable();
                var reach = watchable ? Reach(member, type, compilation) : null;
                if (later || reach is null)
                {
                    unwatched.Add((member, kind));
                    continue;
                }

                if (!found.Any(w => w.Kind == kind && SymbolEqualityComparer.Default.Equals(w.Member, member))) found.Add(new Watched(member, kind, reach.Value));
            }
        }
    }

    private static IOperation? FunctionOf(IOperation body) => GlueFlow.EnclosingFunction(body.Descendants().FirstOrDefault() ?? body);

    // A method of the project the body calls on its own object (`Remember(s)`, `this.Remember(s)`), or a static one of its own
    // type, with whether an override may replace it (its body is read, and what it changes is then not watched).
    private static (IMethodSymbol Helper, bool Replaceable)? Helper(IInvocationOperation call, IMethodSymbol method)
    {
        var helper = call.TargetMethod.OriginalDefinition;
        if (helper is not { MethodKind: MethodKind.Ordinary, IsAbstract: false, IsExtern: false, IsExtensionMethod: false } || helper.DeclaringSyntaxReferences.Length == 0) return null;
        var replaceable = helper.IsVirtual || helper.IsOverride && !helper.IsSealed;
        return call.Instance switch
        {
            IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => (helper, replaceable),
            null when helper.IsStatic && SymbolEqualityComparer.Default.Equals(helper.ContainingType, method.ContainingType.OriginalDefinition) => (helper, false),
            _ => null,
        };
    }

    /// <summary>
    /// Whether a body may add to or set a member, by its syntax alone: an assignment, a call named like an addition, or a call
    /// that may be of a helper of its own (`Remember(s)`, `this.Remember(s)`). Only such bodies are bound to find out.
    /// </summary>
    public static bool MayWatch(SyntaxNode body) =>
        body.DescendantNodes().Any(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax
            || n is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation
                && (MayAdd(TracedNames.InvokedName(invocation)) || invocation.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax
                    || invocation.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.ThisExpressionSyntax }));

    // The member an operation adds to or sets, when it is a field or an auto-property.
    private static (ISymbol? Member, Kind Kind) Written(IOperation operation) => operation switch
    {
        IAssignmentOperation { Target: IMemberReferenceOperation target } when Stored(target) is { } set => (set, Kind.Set),
        IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IMemberReferenceOperation indexed } } => (Stored(indexed), Kind.Filled),
        IAssignmentOperation { Target: IArrayElementReferenceOperation { ArrayReference: IMemberReferenceOperation array } } => (Stored(array), Kind.Filled),
        IInvocationOperation call when MayAdd(call.TargetMethod.Name) && Receiver(call) is IMemberReferenceOperation filled => (Stored(filled), Kind.Filled),
        _ => (null, Kind.Set),
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

    // A field, or a property that holds what it was set to, read on `this` or statically.
    private static ISymbol? Stored(IMemberReferenceOperation reference)
    {
        if (reference.Instance is not (null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })) return null;
        return reference.Member switch
        {
            IFieldSymbol { IsConst: false, RefKind: RefKind.None } field => field,
            IPropertySymbol { IsIndexer: false, RefKind: RefKind.None } property when property.IsAutoProperty() => property,
            _ => null,
        };
    }

    private static bool IsOwnOrStatic(ISymbol member, IMethodSymbol method) =>
        member.IsStatic || !method.IsStatic && method.ContainingType is { TypeKind: TypeKind.Class };

    // Whether generated code reaches the member: by its name (true), through an UnsafeAccessor (false), or not at all (null).
    private static bool? Reach(ISymbol member, ITypeSymbol type, Compilation compilation)
    {
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
