using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The fields and auto-properties of the objects a traced method is given that its body reads (<c>AnswerFlow(Flow f)</c>
/// reading <c>f.Docs</c>): the interceptor reads each as the call starts, and a value a traced call made there (an object
/// another traced method set in <c>f.Docs</c>, or the elements it added to <c>f.Steps</c>) becomes a parent of the call,
/// through the argument. An object passed on whole is so linked through what its members hold, as the body reads them.
/// </summary>
/// <remarks>
/// Read where the body reads them, or a helper of the project it gives the object to (not one an override may replace; three
/// levels), not in a lambda or a local function (they may run after the member changed), and not a member the body also
/// changes (what it read may be its own). A text builder's parts are not read.
/// </remarks>
internal static class ParameterReads
{
    /// <summary>A member of the object a parameter holds, read by the body.</summary>
    /// <param name="Parameter">The method's parameter.</param>
    /// <param name="Member">The field or the auto-property.</param>
    /// <param name="Direct">Generated code can name it; otherwise it is read through an <c>UnsafeAccessor</c>.</param>
    public readonly record struct Read(IParameterSymbol Parameter, ISymbol Member, bool Direct);

    /// <summary>How a method uses the object one of its parameters holds, in its body and the helpers it gives the object to.</summary>
    /// <param name="Parameter">The method's parameter.</param>
    /// <param name="Reads">The members read that the interceptor reads too.</param>
    /// <param name="OnlyMembers">Nothing but fields and auto-properties of the object is used (no method of it runs, no other
    /// code is given it, no lambda sees it): then no other member reaches the call.</param>
    /// <param name="Referenced">Every member read, linked or not (not one only set or added to).</param>
    public readonly record struct Usage(IParameterSymbol Parameter, IReadOnlyList<Read> Reads, bool OnlyMembers, IReadOnlyCollection<ISymbol> Referenced);

    private static readonly ConditionalWeakTable<IOperation, IReadOnlyList<Usage>> s_ofBodies = new();

    /// <summary><see cref="In"/> for a body bound by a semantic model, read once per body.</summary>
    public static IReadOnlyList<Usage> Of(IMethodSymbol method, IOperation body, Func<IMethodSymbol, IOperation?> bodyOf) =>
        body.SemanticModel is { Compilation: var compilation } ? s_ofBodies.GetValue(body, b => In(method, b, compilation, bodyOf)) : [];

    /// <summary>
    /// How <paramref name="method"/>'s <paramref name="body"/> uses each object its parameters hold, with the members it reads
    /// in the order first read: in the body itself, and in the helpers it gives the object to, whose bodies
    /// <paramref name="bodyOf"/> gives (<c>Generate(s) => Complete(Prompt(s))</c> with <c>Prompt(State s) => $"...{s.Docs}"</c>).
    /// </summary>
    public static IReadOnlyList<Usage> In(IMethodSymbol method, IOperation body, Compilation compilation, Func<IMethodSymbol, IOperation?> bodyOf)
    {
        var usages = new List<Usage>();
        // A collection argument is read element by element, not through its members.
        foreach (var parameter in method.Parameters.Where(p => WatchedMembers.IsWatchable(p, body) && !IsCollection(p.Type)))
        {
            var references = new List<IMemberReferenceOperation>();
            var visited = new HashSet<(IMethodSymbol, int)>();
            var onlyMembers = Walk(body, parameter, 0);
            var written = new HashSet<ISymbol>(references.Where(IsWrite).Select(r => r.Member.OriginalDefinition), SymbolEqualityComparer.Default);
            var referenced = new HashSet<ISymbol>(references.Where(r => !IsWrite(r)).Select(r => r.Member.OriginalDefinition), SymbolEqualityComparer.Default);
            var reads = new List<Read>();
            foreach (var reference in references)
            {
                if (IsWrittenTo(reference) || WatchedMembers.Stored(reference) is not { IsStatic: false } member || written.Contains(member.OriginalDefinition)) continue;
                var type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
                if (!Links(type) || WatchedMembers.Reach(member, type, compilation, ofParameter: true) is not { } direct) continue;
                if (!reads.Any(r => SymbolEqualityComparer.Default.Equals(r.Member, member))) reads.Add(new Read(parameter, member, direct));
            }

            usages.Add(new Usage(parameter, reads, onlyMembers, referenced));

            // Collects the member references on the object in `root` (its own statements) and in the helpers it gives it to;
            // whether nothing else of it is used.
            bool Walk(IOperation root, IParameterSymbol held, int depth)
            {
                var function = GlueFlow.EnclosingFunction(root.Descendants().FirstOrDefault() ?? root);
                var only = true;
                foreach (var reference in root.Descendants().OfType<IParameterReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Parameter.OriginalDefinition, held)))
                {
                    if (!ReferenceEquals(GlueFlow.EnclosingFunction(reference), function))
                    {
                        only = false;
                    }
                    else if (reference.Parent is IMemberReferenceOperation member && ReferenceEquals(member.Instance, reference) && WatchedMembers.Stored(member) is not null)
                    {
                        references.Add(member);
                    }
                    else if (reference.Parent is IArgumentOperation { Parameter: { RefKind: RefKind.None } given, Parent: IInvocationOperation call } && Helper(call) is { } helper)
                    {
                        // A helper given the object twice is walked once.
                        if (!visited.Add((helper, given.Ordinal))) continue;
                        only &= depth < WatchedMembers.MaxHelperDepth && bodyOf(helper) is { } helperBody && WatchedMembers.IsWatchable(helper.Parameters[given.Ordinal], helperBody)
                            && Walk(helperBody, helper.Parameters[given.Ordinal], depth + 1);
                    }
                    else
                    {
                        only = false;
                    }
                }

                return only;
            }
        }

        return usages;
    }

    // A method of the project whose body is what runs: not one an override may replace, nor one without a body.
    private static IMethodSymbol? Helper(IInvocationOperation call) =>
        WatchedMembers.ProjectMethod(call) is { IsVirtual: false, IsOverride: false } helper ? helper : null;

    // A member reference that sets the member or adds to what it holds, rather than reading it.
    private static bool IsWrite(IMemberReferenceOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference)
        || reference.Parent is IInvocationOperation adding && ReferenceEquals(adding.Instance, reference) && WatchedMembers.Written(adding).Member is not null
        || reference.Parent is IPropertyReferenceOperation { Property.IsIndexer: true } or IArrayElementReferenceOperation
            && reference.Parent.Parent is IAssignmentOperation slot && ReferenceEquals(slot.Target, reference.Parent);

    /// <summary>
    /// Whether a method may read a member of an object it is given, by its syntax alone: a member access on the name of one of
    /// its parameters whose type is not a keyword (<c>f.Docs</c> with <c>Flow f</c>), or that name given to a call (a helper
    /// that may read it). Only such bodies are bound to find out.
    /// </summary>
    public static bool MayRead(Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration)
    {
        var names = declaration.ParameterList.Parameters
            .Where(p => p.Type is not (null or Microsoft.CodeAnalysis.CSharp.Syntax.PredefinedTypeSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ArrayTypeSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.NullableTypeSyntax { ElementType: Microsoft.CodeAnalysis.CSharp.Syntax.PredefinedTypeSyntax }) && p.Modifiers.Count == 0)
            .Select(p => p.Identifier.ValueText).ToList();
        if (names.Count == 0 || (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not { } body) return false;
        return body.DescendantNodes().Any(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: var name } }
                && names.Contains(name)
            || n is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: var passed } } && names.Contains(passed));
    }

    /// <summary>
    /// Whether what a member of this type holds is linked where it is read: an object with an identity, or a framework
    /// collection's elements. Not a value type (no identity), nor a text builder (its text is linked where it is made into text).
    /// </summary>
    public static bool Links(ITypeSymbol type) =>
        !type.IsValueType && type.IsRecordable() && !TextBuilderCalls.IsBuilder(type)
        && (type.SpecialType == SpecialType.System_String || FilledArguments.MayFill(type) || !IsCollection(type));

    private static bool IsCollection(ITypeSymbol type) =>
        type is IArrayTypeSymbol || type.SpecialType == SpecialType.System_Collections_IEnumerable
        || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);

    // A member reference that is written to, not read: an assignment's target (`f.Docs = ...`, `f.Docs += ...` reads it too, but
    // the body then holds its own value there), or passed by reference.
    private static bool IsWrittenTo(IMemberReferenceOperation reference) =>
        reference.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference)
        || reference.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out };
}
