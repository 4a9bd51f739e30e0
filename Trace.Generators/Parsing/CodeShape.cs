using System.Linq;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// Which <c>[Trainable]</c> methods can have their code replaced at run time: an ordinary, non-generic, non-virtual
/// method of a non-generic class, with by-value parameters only (at most 15 besides the receiver), so that a
/// <c>Func</c>/<c>Action</c> delegate can stand in for it; and only in a project that references the code package.
/// </summary>
internal static class CodeShape
{
    public static bool IsSwappable(IMethodSymbol method, Compilation compilation) =>
        HasShape(method, compilation) && HasCodePackage(compilation);

    /// <summary>Whether the project references the code package (Opto.Trace.Code), which makes a method's code a parameter.</summary>
    public static bool HasCodePackage(Compilation compilation) => KnownTypes.HasCodePackage(compilation);

    /// <summary>Whether a <c>[Trainable]</c> method has a shape whose code can be a parameter (the code package aside).</summary>
    public static bool HasShape(IMethodSymbol method, Compilation compilation) =>
        method.MethodKind == MethodKind.Ordinary && method.HasAttribute(Symbols.TrainableAttribute)
        && !method.IsGenericMethod && !method.IsAbstract && !method.IsVirtual && !method.IsOverride && !method.IsExtern && !method.IsPartialDefinition && method.PartialDefinitionPart is null && !method.IsVararg
        && !method.IsExtensionMethod && !method.ReturnsByRef && !method.ReturnsByRefReadonly
        && method.ContainingType is { TypeKind: TypeKind.Class, IsGenericType: false } owner && owner.IsNameableFrom(compilation)
        && method.Parameters.Length <= 15
        && method.Parameters.All(p => p.RefKind == RefKind.None && !p.IsParams && p.Type.IsRecordable() && p.Type.IsNameableFrom(compilation))
        && (method.ReturnsVoid || (method.ReturnType.IsRecordable() && method.ReturnType.IsNameableFrom(compilation)))
        && method.DeclaringSyntaxReferences.Length == 1;

    /// <summary>The delegate that stands in for the method: <c>Func&lt;Owner, P1, ..., R&gt;</c> or <c>Action&lt;...&gt;</c>.</summary>
    public static string DelegateType(IMethodSymbol method)
    {
        var types = method.Parameters.Select(p => p.Type.Qualified()).ToList();
        if (!method.IsStatic) types.Insert(0, method.ContainingType.Qualified());
        if (method.ReturnsVoid) return types.Count == 0 ? "global::System.Action" : $"global::System.Action<{string.Join(", ", types)}>";
        types.Add(method.ReturnType.Qualified());
        return $"global::System.Func<{string.Join(", ", types)}>";
    }
}
