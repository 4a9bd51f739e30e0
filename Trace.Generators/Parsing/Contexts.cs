using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Generators.Emitting;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Generated code is new code outside the user's context: a call that compiled where the user wrote it (inside an
/// <c>[Obsolete]</c> member, under <c>#pragma warning disable</c> of an experimental ID, in a member that carries
/// <c>[RequiresUnreferencedCode]</c>) must compile in the interceptor too. This collects, from the symbols generated
/// code names, what it needs: <see cref="ContextSpec"/>.
/// </summary>
/// <remarks>
/// Compiler and analyzer diagnostics that the SDK does not report in generated code (platform compatibility CA1416 and
/// CA1422, constant-expected CA1857) need nothing here; the user's call is checked where it is written.
/// </remarks>
internal sealed class ContextCollector
{
    private const string ObsoleteAttribute = "System.ObsoleteAttribute";
    private const string ExperimentalAttribute = "System.Diagnostics.CodeAnalysis.ExperimentalAttribute";
    private const string RequiresPreviewFeaturesAttribute = "System.Runtime.Versioning.RequiresPreviewFeaturesAttribute";
    private const string DynamicallyAccessedMembersAttribute = "System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembersAttribute";

    /// <summary>Attributes a caller must repeat (or suppress) to call a member that carries them; the trimmer checks them on the IL, where the interceptor is the callee.</summary>
    private static readonly string[] s_requirements =
    [
        "System.Diagnostics.CodeAnalysis.RequiresUnreferencedCodeAttribute",
        "System.Diagnostics.CodeAnalysis.RequiresDynamicCodeAttribute",
        "System.Diagnostics.CodeAnalysis.RequiresAssemblyFilesAttribute",
    ];

    /// <summary>The analyzer diagnostic for using an API that requires preview features.</summary>
    private const string PreviewFeaturesDiagnostic = "CA2252";

    private readonly HashSet<ISymbol> _seen = new(SymbolEqualityComparer.Default);
    private readonly SortedSet<string> _suppressions = new(System.StringComparer.Ordinal);
    private readonly List<string> _requirements = [];
    private bool _obsolete;
    private bool _obsoleteError;

    public static ContextSpec Of(params ISymbol?[] symbols)
    {
        var collector = new ContextCollector();
        foreach (var symbol in symbols) collector.Add(symbol);
        return collector.ToSpec();
    }

    /// <summary>Adds what naming or calling <paramref name="symbol"/> needs: its own markers, its containing types' and its assembly's, and for a type its type arguments'.</summary>
    public ContextCollector Add(ISymbol? symbol)
    {
        switch (symbol)
        {
            case null:
                return this;
            case IArrayTypeSymbol array:
                return Add(array.ElementType);
            case IPointerTypeSymbol pointer:
                return Add(pointer.PointedAtType);
            case ITypeParameterSymbol or IDynamicTypeSymbol:
                return this;
        }

        if (!_seen.Add(symbol)) return this;
        if (symbol is INamedTypeSymbol named && !SymbolEqualityComparer.Default.Equals(named, named.OriginalDefinition))
        {
            foreach (var argument in named.TypeArguments) Add(argument);
            return Add(named.OriginalDefinition);
        }

        if (symbol is IMethodSymbol method && method.IsGenericMethod)
        {
            foreach (var argument in method.TypeArguments) Add(argument);
        }

        Markers(symbol);
        Add(symbol.ContainingType);
        if (symbol.ContainingType is null && symbol.ContainingAssembly is { } assembly && _seen.Add(assembly))
        {
            // [Experimental] and [RequiresPreviewFeatures] on an assembly or module mark every type in it.
            Markers(assembly);
            foreach (var module in assembly.Modules) Markers(module);
        }

        return this;
    }

    /// <summary>
    /// Adds the requirements (<c>[RequiresUnreferencedCode]</c>, ...) of using <paramref name="member"/>: its own (a property's
    /// accessors'), and for a static member its type's.
    /// </summary>
    public ContextCollector Requirements(ISymbol member)
    {
        Copy(member.OriginalDefinition.GetAttributes());
        if (member is IPropertySymbol property)
        {
            if (property.GetMethod is { } getter) Copy(getter.GetAttributes());
            if (property.SetMethod is { } setter) Copy(setter.GetAttributes());
        }

        // On a class, the requirement covers its static members and constructors (an instance exists only if one ran).
        if (member.IsStatic && member.ContainingType is { } type) Copy(type.OriginalDefinition.GetAttributes());
        return this;

        void Copy(IEnumerable<AttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                if (s_requirements.Any(r => Is(attribute, r)) && !_requirements.Any(r => r.StartsWith(Prefix(attribute), System.StringComparison.Ordinal)))
                {
                    _requirements.Add(Text(attribute));
                }
            }
        }

        static string Prefix(AttributeData attribute) => Text(attribute).Split('(')[0] + "(";
    }

    public ContextSpec ToSpec() =>
        !_obsolete && _suppressions.Count == 0 && _requirements.Count == 0
            ? ContextSpec.None
            : new ContextSpec(_obsolete, _obsoleteError, _suppressions.ToEquatableArray(), _requirements.ToEquatableArray());

    private void Markers(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute, ObsoleteAttribute))
            {
                _obsolete = true;
                if (attribute.ConstructorArguments.Length == 2 && attribute.ConstructorArguments[1].Value is true) _obsoleteError = true;
                Suppress(Named(attribute, "DiagnosticId"));
            }
            else if (Is(attribute, ExperimentalAttribute))
            {
                Suppress(attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null);
            }
            else if (Is(attribute, RequiresPreviewFeaturesAttribute))
            {
                Suppress(PreviewFeaturesDiagnostic);
            }
        }
    }

    // `#pragma warning disable` takes identifiers and numbers; an ID of another shape cannot be suppressed in a file (nor in the user's).
    private void Suppress(string? id)
    {
        if (id is { Length: > 0 } && SyntaxFacts.IsValidIdentifier(id)) _suppressions.Add(id);
    }

    private static string? Named(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name) return argument.Value.Value as string;
        }

        return null;
    }

    /// <summary>The <c>[DynamicallyAccessedMembers]</c> attribute among <paramref name="attributes"/>, as C# with the given target (<c>return: </c>), or null.</summary>
    public static string? DynamicallyAccessedMembers(IEnumerable<AttributeData> attributes, string target = "")
    {
        foreach (var attribute in attributes)
        {
            if (Is(attribute, DynamicallyAccessedMembersAttribute)) return $"[{target}{Text(attribute)}]";
        }

        return null;
    }

    /// <summary>Whether the attribute's class has this full name; compared by simple name first, so most attributes cost no allocation.</summary>
    public static bool Is(AttributeData attribute, string fullName)
    {
        if (attribute.AttributeClass is not { ContainingType: null } type) return false;
        var name = type.Name;
        var dot = fullName.Length - name.Length - 1;
        return dot > 0 && fullName[dot] == '.' && string.CompareOrdinal(fullName, dot + 1, name, 0, name.Length) == 0
            && type.ContainingNamespace.ToDisplayString() == fullName.Substring(0, dot);
    }

    /// <summary>An attribute as C# source: fully qualified class, constructor arguments, named arguments.</summary>
    public static string Text(AttributeData attribute)
    {
        var arguments = attribute.ConstructorArguments.Select(Constant)
            .Concat(attribute.NamedArguments.Select(a => $"{a.Key} = {Constant(a.Value)}"));
        var name = attribute.AttributeClass!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (name.EndsWith("Attribute", System.StringComparison.Ordinal)) name = name.Substring(0, name.Length - "Attribute".Length);
        return $"{name}({string.Join(", ", arguments)})";
    }

    private static string Constant(TypedConstant constant)
    {
        if (constant.IsNull) return "null";
        switch (constant.Kind)
        {
            case TypedConstantKind.Enum:
                return Enum(constant);
            case TypedConstantKind.Type:
                return $"typeof({((ITypeSymbol)constant.Value!).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})";
            case TypedConstantKind.Array:
                return $"new {constant.Type!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)} {{ {string.Join(", ", constant.Values.Select(Constant))} }}";
            default:
                return constant.Value is string text ? Literals.String(text) : constant.ToCSharpString();
        }
    }

    // Enum values by name (flags joined with |), fully qualified; a value no combination of names makes is cast.
    private static string Enum(TypedConstant constant)
    {
        var type = (INamedTypeSymbol)constant.Type!;
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var value = Bits(constant.Value!);
        var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => (f.Name, Value: Bits(f.ConstantValue!))).ToList();
        var exact = members.FirstOrDefault(m => m.Value == value);
        if (exact.Name is not null) return $"{typeName}.{exact.Name}";

        var names = new List<string>();
        var rest = value;
        foreach (var member in members.Where(m => m.Value != 0).OrderByDescending(m => m.Value))
        {
            if ((rest & member.Value) == member.Value && (value & member.Value) == member.Value)
            {
                names.Add($"{typeName}.{member.Name}");
                rest &= ~member.Value;
            }
        }

        return rest == 0 && names.Count > 0 ? string.Join(" | ", names) : $"({typeName})({System.Convert.ToString(constant.Value, System.Globalization.CultureInfo.InvariantCulture)})";

        static ulong Bits(object value) => value is ulong bits ? bits : unchecked((ulong)System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
