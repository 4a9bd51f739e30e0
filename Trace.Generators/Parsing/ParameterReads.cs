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
/// Read where the body itself reads them, not in a lambda or a local function (they may run after the member changed), and
/// not a member the body also changes (what it read may be its own). A text builder's parts are not read.
/// </remarks>
internal static class ParameterReads
{
    /// <summary>A member of the object a parameter holds, read by the body.</summary>
    /// <param name="Parameter">The method's parameter.</param>
    /// <param name="Member">The field or the auto-property.</param>
    /// <param name="Direct">Generated code can name it; otherwise it is read through an <c>UnsafeAccessor</c>.</param>
    public readonly record struct Read(IParameterSymbol Parameter, ISymbol Member, bool Direct);

    private static readonly ConditionalWeakTable<IOperation, IReadOnlyList<Read>> s_ofBodies = new();

    /// <summary><see cref="In"/> for a body bound by a semantic model, read once per body.</summary>
    public static IReadOnlyList<Read> Of(IMethodSymbol method, IOperation body) =>
        body.SemanticModel is { Compilation: var compilation } ? s_ofBodies.GetValue(body, b => In(method, b, compilation)) : [];

    /// <summary>The members of its parameters' objects <paramref name="method"/>'s <paramref name="body"/> reads, in the order first read.</summary>
    public static IReadOnlyList<Read> In(IMethodSymbol method, IOperation body, Compilation compilation)
    {
        // A collection argument is read element by element, not through its members.
        var watchable = method.Parameters.Where(p => WatchedMembers.IsWatchable(p, body) && !IsCollection(p.Type)).ToList();
        if (watchable.Count == 0) return [];
        var function = GlueFlow.EnclosingFunction(body.Descendants().FirstOrDefault() ?? body);
        var written = new HashSet<(ISymbol, ISymbol)>();
        foreach (var operation in body.Descendants())
        {
            if (WatchedMembers.Written(operation) is ({ } member, IParameterReferenceOperation { Parameter: var holder }, _)) written.Add((holder.OriginalDefinition, member));
        }

        var found = new List<Read>();
        foreach (var reference in body.Descendants().OfType<IMemberReferenceOperation>())
        {
            if (reference.Instance is not IParameterReferenceOperation { Parameter: var parameter } || !watchable.Contains(parameter.OriginalDefinition, SymbolEqualityComparer.Default)) continue;
            if (!ReferenceEquals(GlueFlow.EnclosingFunction(reference), function) || IsWrittenTo(reference)) continue;
            if (WatchedMembers.Stored(reference) is not { IsStatic: false } member || written.Contains((parameter.OriginalDefinition, member))) continue;
            var type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
            if (!Links(type) || WatchedMembers.Reach(member, type, compilation, ofParameter: true) is not { } direct) continue;
            if (!found.Any(r => SymbolEqualityComparer.Default.Equals(r.Parameter, parameter.OriginalDefinition) && SymbolEqualityComparer.Default.Equals(r.Member, member)))
            {
                found.Add(new Read(parameter.OriginalDefinition, member, direct));
            }
        }

        return found;
    }

    /// <summary>
    /// Whether the body uses <paramref name="parameter"/> only to read or set fields and auto-properties of its object, in its
    /// own statements: then nothing else of the object reaches the call than those members (no method of it runs, no other
    /// code is given it).
    /// </summary>
    public static bool UsesOnlyMembers(IOperation body, IParameterSymbol parameter)
    {
        var function = GlueFlow.EnclosingFunction(body.Descendants().FirstOrDefault() ?? body);
        return body.Descendants().OfType<IParameterReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Parameter.OriginalDefinition, parameter))
            .All(r => r.Parent is IMemberReferenceOperation member && ReferenceEquals(member.Instance, r) && WatchedMembers.Stored(member) is not null
                && ReferenceEquals(GlueFlow.EnclosingFunction(r), function));
    }

    /// <summary>
    /// Whether a method may read a member of an object it is given, by its syntax alone: a member access on the name of one of
    /// its parameters whose type is not a keyword (<c>f.Docs</c> with <c>Flow f</c>). Only such bodies are bound to find out.
    /// </summary>
    public static bool MayRead(Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration)
    {
        var names = declaration.ParameterList.Parameters
            .Where(p => p.Type is not (null or Microsoft.CodeAnalysis.CSharp.Syntax.PredefinedTypeSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ArrayTypeSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.NullableTypeSyntax { ElementType: Microsoft.CodeAnalysis.CSharp.Syntax.PredefinedTypeSyntax }) && p.Modifiers.Count == 0)
            .Select(p => p.Identifier.ValueText).ToList();
        if (names.Count == 0 || (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not { } body) return false;
        return body.DescendantNodes().Any(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: var name } }
            && names.Contains(name));
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
