using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Analyzers;

/// <summary>
/// A lambda kept in a field or an auto-property and run through it: called (<c>static readonly Func&lt;Book, string&gt; Pick =
/// b =&gt; b.Prompt;</c> then <c>Pick(_book)</c>), or the factory of a <see cref="Lazy{T}"/> read through <c>Value</c>
/// (<c>_intro = new(() =&gt; Persona)</c> then <c>_intro.Value</c>). The generator reads what a body names, not what a delegate
/// it runs does, so a trainable value the lambda reads is never a dependency. The lambda is found where the member is
/// declared and where the type's code sets it (a constructor, a method).
/// </summary>
internal static class KeptLambdas
{
    /// <summary>The member and the lambdas <paramref name="operation"/> runs through it; empty when it runs none of the project's.</summary>
    public static (ISymbol? Member, IReadOnlyList<IAnonymousFunctionOperation> Lambdas) Run(IOperation operation, OtherMembers others, Func<SyntaxTree, SemanticModel> modelOf)
    {
        var (holder, lazy) = operation switch
        {
            IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } invoked } => (invoked, false),
            IPropertyReferenceOperation { Property: { Name: "Value", ContainingType: { Name: "Lazy", ContainingNamespace.Name: "System" } }, Instance: { } read } => (read, true),
            _ => (null, false),
        };
        var member = holder switch
        {
            IFieldReferenceOperation field => (ISymbol)field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
            _ => null,
        };
        if (member is null) return (null, []);
        var lambdas = new List<IAnonymousFunctionOperation>();
        foreach (var value in ValuesOf(member, others, modelOf))
        {
            var made = Unwrapped(value);
            if (lazy) made = made is IObjectCreationOperation { Arguments.Length: > 0 } creation ? Unwrapped(creation.Arguments[0].Value) : null;
            if (made is IAnonymousFunctionOperation lambda) lambdas.Add(lambda);
        }

        return (member, lambdas);
    }

    private static IOperation? Unwrapped(IOperation? made)
    {
        while (made is IConversionOperation or IDelegateCreationOperation)
        {
            made = made is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)made).Target;
        }

        return made;
    }

    // The member's initializer, and what the code of its type sets it to with `=`.
    private static IEnumerable<IOperation> ValuesOf(ISymbol member, OtherMembers others, Func<SyntaxTree, SemanticModel> modelOf)
    {
        foreach (var initializer in others.InitialValuesOf(member)) yield return initializer;
        foreach (var declaration in member.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var assignment in declaration.GetSyntax().DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                var target = assignment.Left is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } ? name : assignment.Left as SimpleNameSyntax;
                if (target?.Identifier.ValueText != member.Name) continue;
                if (modelOf(assignment.SyntaxTree).GetOperation(assignment) is ISimpleAssignmentOperation { Target: IMemberReferenceOperation set } assigned
                    && SymbolEqualityComparer.Default.Equals(set.Member, member))
                {
                    yield return assigned.Value;
                }
            }
        }
    }
}
