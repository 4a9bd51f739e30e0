using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Fields, properties and captured primary-constructor parameters that hold explicit nodes (<c>Parameter&lt;T&gt;</c>,
/// <c>Node&lt;T&gt;</c>, or a collection of them): a traced method that reads one depends on the parameters it holds,
/// though they are never passed as arguments (Python Trace raises <c>TraceMissingInputsError</c> for this).
/// </summary>
internal static class NodeReads
{
    public static NodeReadSpec? Of(ISymbol member, Compilation compilation)
    {
        var (type, isField) = member switch
        {
            IFieldSymbol field => (field.Type, true),
            IPropertySymbol { IsIndexer: false, GetMethod: not null } property => (property.Type, false),
            _ => (null, false),
        };
        if (type is null || !Symbols.HoldsNodes(type, compilation) || !Reachable(member.ContainingType, compilation)) return null;
        if (member is IFieldSymbol { IsConst: true }) return null;
        var kind = (member.IsStatic ? "Static" : "") + (isField ? "Field" : "Method");
        var name = isField ? ((IFieldSymbol)member).MetadataName() : ((IPropertySymbol)member).GetMethod!.MetadataName;
        return new NodeReadSpec(kind, name, type.Qualified());
    }

    /// <summary>A primary-constructor parameter read in a method body: the compiler keeps it in a field named <c>&lt;name&gt;P</c>.</summary>
    public static NodeReadSpec? OfCapturedParameter(IParameterSymbol parameter, Compilation compilation)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor) return null;
        if (!constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax)) return null;
        if (constructor.ContainingType.TypeKind != TypeKind.Class || constructor.ContainingType.IsRecord) return null;
        if (!Symbols.HoldsNodes(parameter.Type, compilation) || !Reachable(constructor.ContainingType, compilation)) return null;
        return new NodeReadSpec("Field", "<" + parameter.Name + ">P", parameter.Type.Qualified());
    }

    // UnsafeAccessor reaches private members of classes; generic and struct owners are left out.
    private static bool Reachable(INamedTypeSymbol type, Compilation compilation) =>
        type.TypeKind == TypeKind.Class && !type.IsGenericType && type.IsNameableFrom(compilation);

    private static string MetadataName(this IFieldSymbol field) =>
        field.AssociatedSymbol is IPropertySymbol property ? "<" + property.Name + ">k__BackingField" : field.MetadataName;
}
