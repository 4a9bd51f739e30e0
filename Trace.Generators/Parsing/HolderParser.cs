using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Reads a class as composition needs it: the instance fields, auto-properties and captured primary-constructor
/// parameters that may hold objects with trainable parameters (or lists, arrays or dictionaries of them), its base
/// classes and interfaces declared in the project, and whether it declares <c>[Trainable]</c> members. Which held
/// members are followed is decided once every class is known (<see cref="Composition"/>).
/// </summary>
/// <remarks>
/// Not read: static members (they belong to the type, not to an instance's path), properties with a body (they may
/// compute a new object on each call), <c>[Trainable]</c> members (they are values), sets and other unordered or lazy
/// collections, collections of collections, and generic classes.
/// </remarks>
internal static class HolderParser
{
    public static bool IsCandidate(SyntaxNode node) => node.IsKind(SyntaxKind.ClassDeclaration) || node.IsKind(SyntaxKind.RecordDeclaration);

    private static readonly DeclarationMemo<HolderTypeSpec> s_memo = new();

    /// <summary>The class as composition needs it; kept while its files and the project's declarations stay the same (<see cref="DeclarationMemo{T}"/>).</summary>
    public static HolderTypeSpec? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
        s_memo.Get(context.Node, context.SemanticModel.Compilation, context, static (context, token) => Read(context, token), cancellationToken);

    private static DeclarationMemo<HolderTypeSpec>.Read Read(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.SemanticModel.GetDeclaredSymbol((TypeDeclarationSyntax)context.Node, cancellationToken) is not INamedTypeSymbol type) return new(null, []);
        // The class's other parts decide its members too (and, by their bodies, which primary-constructor parameters it keeps).
        return DeclarationMemo<HolderTypeSpec>.Read.Of(Parse(context, type, cancellationToken), type);
    }

    private static HolderTypeSpec? Parse(GeneratorSyntaxContext context, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var declaration = (TypeDeclarationSyntax)context.Node;
        var compilation = context.SemanticModel.Compilation;
        if (type.IsStatic || type.IsGenericType || type.TypeKind != TypeKind.Class || !type.IsNameableFrom(compilation)) return null;

        // One model per class, read from its first declaration (the others are parts of the same class).
        var first = type.DeclaringSyntaxReferences[0];
        if (first.SyntaxTree != declaration.SyntaxTree || first.Span != declaration.Span) return null;

        var members = new List<HeldMemberSpec>();
        var named = new ContextCollector().Add(type);
        if (!type.IsRecord) AddCapturedParameters(type, compilation, members, cancellationToken);
        var declaresTrainable = false;
        // A partial property's backing field belongs to its implementing part; the type's members list the defining part.
        var backed = new HashSet<ISymbol>(
            type.GetMembers().OfType<IFieldSymbol>().Select(f => f.AssociatedSymbol is IPropertySymbol { PartialDefinitionPart: { } definition } ? definition : f.AssociatedSymbol).OfType<ISymbol>(),
            SymbolEqualityComparer.Default);
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Binding a member's attributes is most of this parser's cost while the user types: the syntax says first
            // whether any of them could be [Trainable].
            if (AttributeNames.MayInclude(member, "Trainable", compilation, cancellationToken) && member.HasAttribute(Symbols.TrainableAttribute))
            {
                declaresTrainable = true;
                continue;
            }

            if (member.IsStatic || member.IsImplicitlyDeclared) continue;
            switch (member)
            {
                case IFieldSymbol { IsConst: false, RefKind: RefKind.None, IsFixedSizeBuffer: false, AssociatedSymbol: null } field:
                    var fieldAccess = ProjectAccess.Allows(field, compilation) ? HeldAccess.Direct : HeldAccess.UnsafeField;
                    if (Add(members, field.Name, field.Name, field.Type, fieldAccess, compilation)) named.Add(field).Add(field.Type);
                    break;
                case IPropertySymbol { IsIndexer: false, ReturnsByRef: false, ReturnsByRefReadonly: false, GetMethod: { } getter, ExplicitInterfaceImplementations.Length: 0 } property
                    when backed.Contains(property): // an auto-property (also one using `field`): the compiler declares its backing field
                    var propertyAccess = ProjectAccess.Allows(getter, compilation) ? HeldAccess.Direct : HeldAccess.UnsafeGetter;
                    if (Add(members, property.Name, property.Name, property.Type, propertyAccess, compilation)) named.Add(property).Add(property.Type);
                    break;
            }
        }

        // A class that only derives from one of the project is kept too: it has parameters if its base has.
        var baseTypes = BaseTypes(type, compilation).ToEquatableArray();
        if (members.Count == 0 && !declaresTrainable && baseTypes.Count == 0) return null;
        return new HolderTypeSpec(
            type.Qualified(),
            type.NameForExtensions(),
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            type.IsPublicFromOutside(),
            declaresTrainable,
            baseTypes,
            type.AllInterfaces.Where(i => FromSource(i, compilation)).Select(Key).OrderBy(k => k, System.StringComparer.Ordinal).ToEquatableArray(),
            members.ToEquatableArray(),
            ContextCollector.Of(type),
            named.ToSpec());
    }

    /// <summary>The spelling used to match a held member's element type with a class: fully qualified, without nullable annotation.</summary>
    public static string Key(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).Qualified();

    private static bool Add(List<HeldMemberSpec> members, string name, string metadataName, ITypeSymbol memberType, HeldAccess access, Compilation compilation)
    {
        if (Held(name, metadataName, memberType, access, compilation) is not { } member) return false;
        members.Add(member);
        return true;
    }

    private static HeldMemberSpec? Held(string name, string metadataName, ITypeSymbol memberType, HeldAccess access, Compilation compilation)
    {
        if (!memberType.IsNameableFrom(compilation) || Classify(memberType, compilation) is not var (kind, element, key)) return null;
        if (!element.IsNameableFrom(compilation) || (key is not null && !key.IsNameableFrom(compilation))) return null;
        // An explicit Parameter<T> (or Node<T>) held by the object is one of its parameters too.
        var trainable = IsTrainable(element) || element.IsNode();
        if (!trainable && !FromSource(element, compilation)) return null; // a type of another assembly that declares no trainable member holds none we know of
        return new HeldMemberSpec(name, metadataName, memberType.Qualified(), kind, Key(element), key is null ? null : Key(key), access, trainable);
    }

    private static (HeldKind Kind, ITypeSymbol Element, ITypeSymbol? Key)? Classify(ITypeSymbol type, Compilation compilation)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array) return IsElement(array.ElementType) ? (HeldKind.List, array.ElementType, null) : null;
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Interface } named || !IsElement(named)) return null;

        // A type that has trainable members (or may hold some) is held itself, even if it is also a collection.
        if (named.IsNode() || IsTrainable(named) || !IsCollection(named)) return (HeldKind.One, named, null);
        foreach (var candidate in new[] { named }.Concat(named.AllInterfaces))
        {
            var definition = candidate.OriginalDefinition.ToDisplayString();
            if (definition is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")
            {
                return IsElement(candidate.TypeArguments[1]) ? (HeldKind.Dictionary, candidate.TypeArguments[1], candidate.TypeArguments[0]) : null;
            }
        }

        foreach (var candidate in new[] { named }.Concat(named.AllInterfaces))
        {
            var definition = candidate.OriginalDefinition.ToDisplayString();
            if (definition is "System.Collections.Generic.IList<T>" or "System.Collections.Generic.IReadOnlyList<T>")
            {
                return IsElement(candidate.TypeArguments[0]) ? (HeldKind.List, candidate.TypeArguments[0], null) : null;
            }
        }

        return FromSource(named, compilation) ? (HeldKind.One, named, null) : null;
    }

    private static bool IsCollection(INamedTypeSymbol type) =>
        new[] { type }.Concat(type.AllInterfaces).Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);

    // Objects a registration can describe: classes and interfaces, not strings, object or delegates.
    private static bool IsElement(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Interface, SpecialType: SpecialType.None, IsRefLikeType: false } named
        && named.BaseType?.SpecialType is not SpecialType.System_MulticastDelegate;

    private static bool FromSource(ITypeSymbol type, Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly);

    /// <summary>
    /// Whether the type or a base class declares <c>[Trainable]</c> members, or, for a type of another assembly, has a
    /// generated <c>TrainableParameters()</c> (which covers types that hold trainable objects and private trainable members).
    /// </summary>
    private static bool IsTrainable(ITypeSymbol type)
    {
        for (var t = type as INamedTypeSymbol; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            if (t.GetMembers().Any(m => m.HasAttribute(Symbols.TrainableAttribute))) return true;
            if (t.DeclaringSyntaxReferences.Length == 0 && t.HasGeneratedTrainableParameters()) return true;
        }

        return false;
    }

    private static IEnumerable<string> BaseTypes(INamedTypeSymbol type, Compilation compilation)
    {
        for (var t = type.BaseType; t is not null && FromSource(t, compilation); t = t.BaseType) yield return Key(t);
    }

    /// <summary>
    /// A primary-constructor parameter that an instance member uses is kept by the compiler in a hidden field
    /// (<c>&lt;name&gt;P</c>), read here through an <c>UnsafeAccessor</c>. One used only in initializers is not kept, so not followed.
    /// </summary>
    private static void AddCapturedParameters(INamedTypeSymbol type, Compilation compilation, List<HeldMemberSpec> members, CancellationToken cancellationToken)
    {
        var parts = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
        foreach (var part in parts)
        {
            if (part.ParameterList is not { Parameters.Count: > 0 } parameters) continue;
            var model = compilation.GetSemanticModel(part.SyntaxTree);
            foreach (var syntax in parameters.Parameters)
            {
                if (model.GetDeclaredSymbol(syntax, cancellationToken) is not { RefKind: RefKind.None } parameter) continue;
                if (Held(parameter.Name, "<" + parameter.Name + ">P", parameter.Type, HeldAccess.UnsafeField, compilation) is { } member
                    && IsCaptured(parameter, parts, compilation, cancellationToken))
                {
                    members.Add(member);
                }
            }
        }
    }

    private static bool IsCaptured(IParameterSymbol parameter, List<TypeDeclarationSyntax> parts, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            SemanticModel? model = null;
            foreach (var member in part.Members)
            {
                // Initializers run in the constructor, where the parameter is a parameter; nested types cannot use it.
                IEnumerable<SyntaxNode> bodies = member switch
                {
                    BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseFieldDeclarationSyntax => [],
                    PropertyDeclarationSyntax property => new SyntaxNode?[] { property.AccessorList, property.ExpressionBody }.OfType<SyntaxNode>(),
                    _ => [member],
                };
                foreach (var body in bodies)
                {
                    foreach (var identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
                    {
                        if (identifier.Identifier.ValueText != parameter.Name || InNameOf(identifier)) continue;
                        model ??= compilation.GetSemanticModel(part.SyntaxTree);
                        if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter)) return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool InNameOf(SyntaxNode node) =>
        node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });
}
