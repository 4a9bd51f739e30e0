using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Analyzers;

/// <summary>
/// A lambda kept in a field or an auto-property and called through it (<c>static readonly Func&lt;Book, string&gt; Pick =
/// b =&gt; b.Prompt;</c> then <c>Pick(_book)</c>): the generator reads what a body names, not what a delegate it calls runs,
/// so a trainable value the lambda reads is never a dependency.
/// </summary>
internal static class KeptLambdas
{
    /// <summary>The lambda <paramref name="call"/> invokes, when it is the initializer of a field or a property of the project; otherwise null.</summary>
    public static IAnonymousFunctionOperation? Invoked(IInvocationOperation call, Func<SyntaxTree, SemanticModel> modelOf)
    {
        if (call.TargetMethod.MethodKind != MethodKind.DelegateInvoke) return null;
        var kept = call.Instance switch
        {
            IFieldReferenceOperation field => (ISymbol)field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
            _ => null,
        };
        if (kept is null) return null;
        var made = MemberInitializers.Of(kept, modelOf);
        while (made is IConversionOperation or IDelegateCreationOperation)
        {
            made = made is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)made).Target;
        }

        return made as IAnonymousFunctionOperation;
    }
}
