using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// Reads of <c>[Trainable]</c> members of other objects inside the helpers a traced method uses (untraced methods of the
/// project, static or called on the same object, and getters of its own properties), which the generator reads as part
/// of the traced body, the same way (<see cref="HelperVisits"/>). The reads that cannot be followed are returned with the reason.
/// </summary>
internal sealed class HelperReads(
    Compilation compilation, TraceAttributes attributes, Func<SyntaxTree, SemanticModel> modelOf, CancellationToken cancellationToken, UnseenCode? unseen = null)
{
    private readonly List<Unfollowed> _found = [];
    private readonly HelperVisits _visits = new();
    private IMethodSymbol _traced = null!;

    /// <summary>
    /// The models of a compilation's files, one per file, made when first asked for: helpers are bodies of other methods
    /// than the one analyzed, which only their own files' models can read.
    /// </summary>
    public static Func<SyntaxTree, SemanticModel> ModelsOf(Compilation compilation)
    {
        var models = new System.Collections.Concurrent.ConcurrentDictionary<SyntaxTree, SemanticModel>();
        return tree => models.TryGetValue(tree, out var model) ? model : models.GetOrAdd(tree, compilation.GetSemanticModel(tree));
    }

    /// <summary>
    /// What the walked bodies give to code of another assembly the compiler cannot read (see <see cref="UnseenCode"/>),
    /// with the helper or method of another object that does: filled when the reads were asked with an <see cref="UnseenCode"/>.
    /// </summary>
    public List<(UnseenCode.Handed Handed, IMethodSymbol In)> Unseen { get; } = [];

    /// <summary>A read that cannot be followed: the member, the expression it was read on, the helper, and why.</summary>
    public sealed record Unfollowed(ISymbol Member, string Instance, IMethodSymbol Helper, string Reason);

    /// <summary>The reads of the helper <paramref name="call"/> runs (and of the helpers it calls).</summary>
    public List<Unfollowed> OfCall(IInvocationOperation call, IMethodSymbol traced)
    {
        _traced = traced;
        WalkCall(call, null, 1);
        return _found;
    }

    /// <summary>The reads of a helper used without a call the generator can follow (a method group, a getter).</summary>
    public List<Unfollowed> OfHelper(IMethodSymbol helper, IMethodSymbol traced)
    {
        _traced = traced;
        WalkWithoutArguments(helper);
        return _found;
    }

    /// <summary>
    /// The <c>[Trainable]</c> reads of <paramref name="method"/>, an untraced method (or getter) of another object than the
    /// traced call's, and of the helpers of that object it uses: the generator reads none of them, so none is a dependency.
    /// </summary>
    public List<Unfollowed> OfOtherObject(IMethodSymbol method, IMethodSymbol traced)
    {
        _traced = traced;
        WalkOtherObject(method, method.ContainingType, Name(method));
        return _found;
    }

    /// <summary>
    /// The <c>[Trainable]</c> reads of <paramref name="run"/>'s method, code of the project the compiler or the framework
    /// runs without a call in source (<see cref="ImplicitUserCode"/>): no interceptor sees it, so none is a dependency.
    /// </summary>
    public List<Unfollowed> OfImplicit(ImplicitUserCode.Run run, IMethodSymbol traced)
    {
        _traced = traced;
        _implicitly = run.How;
        WalkOtherObject(run.Method, run.Method.ContainingType, Name(run.Method));
        return _found;
    }

    // How the method walked as another object's runs, when no call in source runs it.
    private string? _implicitly;

    /// <summary>Whether <paramref name="method"/>, used on <paramref name="instance"/>, is a method of another object whose body the project declares and no interceptor records.</summary>
    public static bool IsOtherObjectsMethod(IOperation? instance, IMethodSymbol method, TraceAttributes attributes) =>
        instance is not null and not IInstanceReferenceOperation && !method.IsStatic && method.DeclaringSyntaxReferences.Length > 0
        && method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet && !attributes.IsTraced(method)
        && (method.AssociatedSymbol is not IPropertySymbol property || attributes.Trainable(property) is null);

    /// <summary>The name a method is written with (a getter: its property's; an operator: as declared).</summary>
    public static string Name(IMethodSymbol method) => method.MethodKind is MethodKind.Conversion or MethodKind.UserDefinedOperator
        ? method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)
        : ImplementedMembers.WrittenName(method.AssociatedSymbol ?? method);

    /// <summary>
    /// Whether the generator reads <paramref name="call"/>'s method as part of <paramref name="traced"/>'s body: an untraced
    /// method of the project, static (extension methods included) or called on the same object.
    /// </summary>
    public static bool IsWalkedCall(IInvocationOperation call, IMethodSymbol traced, TraceAttributes attributes) =>
        (call.Instance is null or IInstanceReferenceOperation || ExtensionMembers.IsExtensionMember(call.TargetMethod)) && IsWalkedHelper(call.TargetMethod, traced, attributes);

    /// <summary>Whether a method group is of a helper the generator reads: static, or of the same object.</summary>
    public static bool IsWalkedReference(IMethodReferenceOperation reference, IMethodSymbol traced, TraceAttributes attributes) =>
        (reference.Instance is null or IInstanceReferenceOperation || reference.Method.ReducedFrom is not null || reference.Method.IsExtensionMethod
            || ExtensionMembers.IsExtensionMember(reference.Method))
        && IsWalkedHelper(reference.Method, traced, attributes);

    /// <summary>Whether <paramref name="helper"/> is a method of the project the generator reads when the traced body uses it.</summary>
    public static bool IsWalkedHelper(IMethodSymbol helper, IMethodSymbol traced, TraceAttributes attributes)
    {
        helper = helper.ReducedFrom ?? helper;
        return helper.MethodKind == MethodKind.Ordinary && IsHelperOf(helper, traced.ContainingType, attributes);
    }

    // An untraced method of the project, static (an extension block's member too) or of the owner's class or a base of it
    // (traced ones record their own node).
    private static bool IsHelperOf(IMethodSymbol helper, INamedTypeSymbol owner, TraceAttributes attributes) =>
        helper.DeclaringSyntaxReferences.Length > 0 && !attributes.IsTraced(helper)
        && (helper.IsStatic || ExtensionMembers.IsExtensionMember(helper) || AccessPaths.IsSameOrBase(owner, helper.ContainingType));

    /// <summary>The getter the generator reads when the traced body reads this property: one of the project's, on the same object or static.</summary>
    public static IMethodSymbol? WalkedGetter(IPropertyReferenceOperation reference, IMethodSymbol traced) =>
        reference is { Instance: null or IInstanceReferenceOperation, Property: { IsIndexer: false, GetMethod: { DeclaringSyntaxReferences.Length: > 0 } getter } property }
        && (property.IsStatic || AccessPaths.IsSameOrBase(traced.ContainingType, property.ContainingType))
            ? getter
            : null;

    /// <summary>What a member is read on, as written: a property pattern's member, on the value the pattern matches.</summary>
    public static string ReadOn(IOperation instance) =>
        (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput } input ? PatternValue(input) : instance).Syntax.ToString();

    // The value matched by the outermost pattern around a property pattern's input (`_book` in `_book is { Text: var t }`).
    private static IOperation PatternValue(IInstanceReferenceOperation input)
    {
        for (var current = input.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IIsPatternOperation matched:
                    return matched.Value;
                case ISwitchExpressionOperation choice:
                    return choice.Value;
                case ISwitchOperation choice:
                    return choice.Value;
            }
        }

        return input;
    }

    // `other.Prompt = ...` changes the value; it is not something the result was computed from.
    internal static bool IsWrite(IOperation operation) =>
        operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;

    private void WalkCall(IInvocationOperation call, HelperArguments? callerArguments, int depth)
    {
        var target = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
        var helper = Body(target);
        if (target.Parameters.Length == 0 && ExtensionMembers.Receiver(target) is null)
        {
            WalkWithoutArguments(helper);
            return;
        }

        var arguments = HelperArguments.Of(call, callerArguments);
        switch (_visits.Enter(arguments, helper, depth))
        {
            case HelperVisits.Reading.WithArguments:
                try
                {
                    WalkBody(helper, arguments, depth);
                }
                finally
                {
                    _visits.Leave(helper);
                }

                WalkOverrides(helper);
                break;
            case HelperVisits.Reading.WithoutArguments:
                WalkWithoutArguments(helper);
                break;
        }
    }

    private void WalkWithoutArguments(IMethodSymbol helper)
    {
        helper = Body(helper);
        if (!_visits.EnterWithoutArguments(helper)) return;
        WalkBody(helper, null, 0);
        WalkOverrides(helper);
    }

    // An override of a derived class may run in place of a virtual helper, on the same object: the generator reads each.
    private void WalkOverrides(IMethodSymbol helper)
    {
        foreach (var body in ImplementedMembers.BodiesInProject(helper, compilation))
        {
            if (!attributes.IsTraced(body)) WalkWithoutArguments(body);
        }
    }

    private void WalkBody(IMethodSymbol helper, HelperArguments? arguments, int depth)
    {
        foreach (var operation in OperationsOf(helper))
        {
            NoteUnseen(operation, _traced.ContainingType, helper);
            switch (operation)
            {
                case IMemberReferenceOperation { Instance: { } instance and not IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.PatternInput } } reference
                    when ImplementedMembers.MayReadTrainable(reference.Member, compilation) && !IsWrite(reference):
                    if (AccessPaths.Resolve(instance, _traced, compilation, out var reason, arguments) is null && reason is not null
                        && ImplementedMembers.ReadsKnownTrainable(reference.Member, compilation))
                    {
                        _found.Add(new Unfollowed(reference.Member, ReadOn(instance), helper, reason));
                    }

                    break;
                case IInvocationOperation nested when IsWalkedCall(nested, _traced, attributes):
                    WalkCall(nested, arguments, depth + 1);
                    break;
                case IMethodReferenceOperation reference when IsWalkedReference(reference, _traced, attributes):
                    WalkWithoutArguments(reference.Method.ReducedFrom ?? reference.Method);
                    break;
                case IPropertyReferenceOperation property when WalkedGetter(property, _traced) is { } getter:
                    WalkWithoutArguments(getter);
                    break;
            }
        }
    }

    private void WalkOtherObject(IMethodSymbol method, INamedTypeSymbol owner, string entry)
    {
        method = Body(method);
        if (!_visits.EnterWithoutArguments(method)) return;
        foreach (var operation in OperationsOf(method))
        {
            NoteUnseen(operation, owner, method);
            switch (operation)
            {
                case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } reference
                    when (attributes.Trainable(reference.Member) is not null || ImplementedMembers.ReadsKnownTrainable(reference.Member, compilation)) && !IsWrite(reference)
                        && !ImplementedMembers.ReadsOverriddenBase(reference, method):
                    _found.Add(new Unfollowed(reference.Member, "", method, _implicitly is { } how
                        ? $"it is read in '{Name(method)}' ({how}), and no interceptor sees that call; read the value in '{_traced.Name}'"
                        : $"it is read in '{Name(method)}', a method of that object that is not traced (make '{entry}' [Traced], or read the value in '{_traced.Name}')"));
                    break;
                case IInvocationOperation { Instance: null or IInstanceReferenceOperation, TargetMethod: var target } when IsOwnHelper(target.ReducedFrom ?? target):
                    WalkOtherObject(target.ReducedFrom ?? target, owner, entry);
                    break;
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: { IsIndexer: false, GetMethod: { } getter } } when IsOwnHelper(getter):
                    WalkOtherObject(getter, owner, entry);
                    break;
            }
        }

        // Through an interface or a virtual member, the object's class decides what runs: each implementation of the project may.
        foreach (var body in ImplementedMembers.BodiesInProject(method, compilation))
        {
            if (!attributes.IsTraced(body)) WalkOtherObject(body, body.ContainingType, entry);
        }

        // Its own helpers and getters, read as its body.
        bool IsOwnHelper(IMethodSymbol helper) => helper.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet && IsHelperOf(helper, owner, attributes);
    }

    private void NoteUnseen(IOperation operation, INamedTypeSymbol owner, IMethodSymbol body)
    {
        if (unseen is null || operation is not (IInvocationOperation or IPropertyReferenceOperation)) return;
        foreach (var handed in unseen.Of(operation, owner)) Unseen.Add((handed, body));
    }

    // Every operation of a method's bodies, read from the models of their files.
    private IEnumerable<IOperation> OperationsOf(IMethodSymbol method)
    {
        foreach (var declaration in method.DeclaringSyntaxReferences)
        {
            var syntax = declaration.GetSyntax(cancellationToken);
            if (modelOf(syntax.SyntaxTree).GetOperation(syntax, cancellationToken) is not { } body) continue;
            foreach (var operation in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return operation;
            }
        }
    }

    // A partial method's body is in its implementation part.
    private static IMethodSymbol Body(IMethodSymbol method) => method.PartialImplementationPart ?? method;
}
