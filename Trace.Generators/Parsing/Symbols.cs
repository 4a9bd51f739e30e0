using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static class Symbols
{
    /// <summary>The runtime's attributes, by name: both are declared in the namespace <c>Opto</c>.</summary>
    public const string TracedAttribute = "TracedAttribute";
    public const string TrainableAttribute = "TrainableAttribute";

    /// <summary>The registration of trainable methods in the code package (Opto.Trace.Code); its presence makes method code a parameter.</summary>
    public const string CodeRegistration = "Opto.Interception.CodeRegistration";

    public static readonly SymbolDisplayFormat FullyQualified =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Qualified(this ITypeSymbol type) => type.ToDisplayString(FullyQualified);

    /// <summary>A compiler-declared backing field and no accessor with a body of its own (a <c>field</c> accessor has one).</summary>
    public static bool IsAutoProperty(this IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property))
        && property.DeclaringSyntaxReferences.All(r => r.GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax declaration
            || declaration.ExpressionBody is null && (declaration.AccessorList?.Accessors.All(a => a.Body is null && a.ExpressionBody is null) ?? true));

    public static bool HasAttribute(this ISymbol symbol, string runtimeAttribute)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsRuntimeAttribute(attribute.AttributeClass, runtimeAttribute)) return true;
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is the runtime's attribute of that name (<c>Opto.</c><paramref name="name"/>), told by
    /// its name and namespace: formatting its full name would allocate it for every attribute read.
    /// </summary>
    public static bool IsRuntimeAttribute(INamedTypeSymbol? type, string name) =>
        type is { Arity: 0, ContainingType: null, ContainingNamespace: { Name: "Opto", ContainingNamespace.IsGlobalNamespace: true } } && type.Name == name;

    /// <summary>Whether <paramref name="type"/> is generic or nested in a generic type.</summary>
    public static bool InGenericType(this INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType) return true;
        }

        return false;
    }

    /// <summary>The member <paramref name="operation"/> is written in, outside its lambdas and local functions.</summary>
    public static ISymbol? OutermostMember(this IOperation operation, System.Threading.CancellationToken cancellationToken = default)
    {
        var member = operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart, cancellationToken);
        while (member is IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction }) member = member.ContainingSymbol;
        return member;
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="ancestor"/> or derives from it (generic types by their definitions).</summary>
    public static bool IsOrDerivesFrom(this ITypeSymbol type, ITypeSymbol ancestor)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, ancestor.OriginalDefinition)) return true;
        }

        return false;
    }

    public static bool IsTracedMethod(this IMethodSymbol method) =>
        method.HasAttribute(TracedAttribute) || method.HasAttribute(TrainableAttribute);

    /// <summary>Whether generated code in this compilation can name the type (no private nested types, no pointers, no open type parameters).</summary>
    public static bool IsNameableFrom(this ITypeSymbol type, Compilation compilation) => Unnameable.PartOf(type, compilation) is null;

    /// <summary>Whether a traced call's value can be recorded: not a ref struct, pointer or open type parameter.</summary>
    public static bool IsRecordable(this ITypeSymbol type) =>
        type is not ITypeParameterSymbol && type is not IPointerTypeSymbol && type is not IFunctionPointerTypeSymbol && !type.IsRefLikeType;

    /// <summary>The name of a type's generated <c>...Trainables</c> class: nested types joined with <c>_</c>.</summary>
    public static string NameForExtensions(this INamedTypeSymbol type) =>
        type.ContainingType is null ? type.Name : type.ContainingType.NameForExtensions() + "_" + type.Name;

    /// <summary>
    /// Whether another assembly's generator registered <paramref name="type"/> as holding trainable values: its generated
    /// <c>...Trainables.TrainableParameters()</c> (types that hold trainable objects, or private trainable members, have one).
    /// </summary>
    public static bool HasGeneratedTrainableParameters(this INamedTypeSymbol type) =>
        type.ContainingNamespace.GetTypeMembers(type.NameForExtensions() + "Trainables").Any(extensions =>
            extensions.GetMembers("TrainableParameters").OfType<IMethodSymbol>().Any(m =>
                m.IsExtensionMethod && m.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, type)));

    /// <summary>Whether the type and every type containing it are public.</summary>
    public static bool IsPublicFromOutside(this INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility != Accessibility.Public) return false;
        }

        return true;
    }

    /// <summary>Whether values of the type are nodes, or collections of nodes.</summary>
    public static bool HoldsNodes(this ITypeSymbol type, Compilation compilation)
    {
        if (IsNode(type)) return true;
        if (type.SpecialType == SpecialType.System_String) return false;
        var sequence = KnownTypes.IsEnumerableOfT(type)
            ? type as INamedTypeSymbol
            : type.AllInterfaces.FirstOrDefault(KnownTypes.IsEnumerableOfT);
        return sequence is not null && IsNode(sequence.TypeArguments[0]);
    }

    public static bool IsNode(this ITypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t is { Name: "Node", ContainingNamespace: { Name: "Opto", ContainingNamespace.IsGlobalNamespace: true } }) return true;
        }

        return false;
    }

    /// <summary>
    /// Whether the operation is part of a lambda converted to an expression tree (<c>Expression&lt;Func&lt;...&gt;&gt;</c>,
    /// a query over <c>IQueryable</c>, a mock setup). A tree names the method it calls; an interceptor would make it name
    /// the generated method instead, and whatever reads the tree (a LINQ provider, a mocking library) would see a different call.
    /// </summary>
    public static bool IsInExpressionTree(this IOperation operation)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation { Parent: IConversionOperation { Type: { } converted } } && converted.IsExpressionType()) return true;
        }

        return false;
    }

    private static bool IsExpressionType(this ITypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t is { Name: "Expression", ContainingNamespace: { Name: "Expressions", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } }) return true;
        }

        return false;
    }

    /// <summary>
    /// Interceptors of struct methods take the receiver by <c>ref</c>: only variables that can be passed by ref qualify
    /// (locals, by-value or ref parameters, <c>this</c> in a mutable member, mutable fields of those or of any object,
    /// array elements), not readonly fields, readonly structs or temporaries.
    /// </summary>
    public static bool IsWritableStructReceiver(this IOperation? receiver, SemanticModel model) => receiver switch
    {
        ILocalReferenceOperation { Local: { IsConst: false, IsForEach: false, IsUsing: false, RefKind: RefKind.None or RefKind.Ref } } => true,
        IParameterReferenceOperation { Parameter.RefKind: RefKind.None or RefKind.Ref or RefKind.Out } => true,
        IInstanceReferenceOperation when receiver.Type is { IsReadOnly: false } =>
            model.GetEnclosingSymbol(receiver.Syntax.SpanStart) is IMethodSymbol { IsReadOnly: false, MethodKind: not MethodKind.LambdaMethod and not MethodKind.LocalFunction },
        // A field is a variable when it is not readonly and its object is (a class instance always is, wherever the
        // reference came from). A field of a struct type is never volatile.
        IFieldReferenceOperation { Field: { IsReadOnly: false, IsConst: false } field } fieldReference =>
            field.IsStatic || fieldReference.Instance is null || fieldReference.Instance.Type is { IsReferenceType: true } || fieldReference.Instance.IsWritableStructReceiver(model),
        // An array's elements are variables (arrays of structs are not covariant).
        IArrayElementReferenceOperation => true,
        _ => false,
    };
}
