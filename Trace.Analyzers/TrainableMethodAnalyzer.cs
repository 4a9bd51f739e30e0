using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Opto.Analyzers;

/// <summary>
/// [Trainable] methods: without a doc summary (OPTO007), whose body reaches what replacement code cannot (OPTO008),
/// whose code cannot be a parameter at all (OPTO009), or in a project without the code package (OPTO018).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrainableMethodAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.MissingSummary, Descriptors.UnreachableFromPatch, Descriptors.CodeNotParameter, Descriptors.CodePackageMissing);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attributes = TraceAttributes.From(start.Compilation);
            var codePackage = start.Compilation.GetTypeByMetadataName(Symbols.CodeRegistration) is not null;
            start.RegisterSyntaxNodeAction(c => Analyze(c, attributes, codePackage), SyntaxKind.MethodDeclaration);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, TraceAttributes attributes, bool codePackage)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        // A cheap syntactic filter first: only methods with an attribute whose name could be Trainable (or an alias) are bound.
        if (!declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("Trainable"))
            && !declaration.SyntaxTree.GetCompilationUnitRoot(context.CancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<UsingDirectiveSyntax>().Any(u => u.Alias is not null))
        {
            return;
        }
        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method || attributes.Trainable(method) is null) return;
        if (method.MethodKind != MethodKind.Ordinary || method.IsAbstract || method.IsExtern || declaration.Body is null && declaration.ExpressionBody is null) return; // OPTO001's cases
        var location = declaration.Identifier.GetLocation();

        // A partial method's summary may sit on its defining declaration.
        var documented = HasSummary(declaration) || method.PartialDefinitionPart?.DeclaringSyntaxReferences
            .Any(r => r.GetSyntax(context.CancellationToken) is MethodDeclarationSyntax definition && HasSummary(definition)) == true;
        if (!documented) context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingSummary, location, method.ShortName()));

        if (NotSwappableReason(method) is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CodeNotParameter, location, method.ShortName(), reason));
            return;
        }

        if (!codePackage)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CodePackageMissing, location, method.ShortName()));
            return;
        }

        SyntaxNode body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody!;
        foreach (var node in body.DescendantNodes())
        {
            var what = node switch
            {
                BaseExpressionSyntax => $"a base call ('{node.Parent}')",
                SimpleNameSyntax name => Unreachable(context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol, method),
                _ => null,
            };
            if (what is not null) context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnreachableFromPatch, node.GetLocation(), method.ShortName(), what));
        }
    }

    private static string? Unreachable(ISymbol? symbol, IMethodSymbol method)
    {
        var type = symbol as INamedTypeSymbol ?? (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor ? constructor.ContainingType : null);
        if (type is null) return null;
        if (type.IsFileLocal) return $"file-local type {type.Name}";
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility == Accessibility.Private) return $"private type {type.Name}";
        }

        return null;
    }

    // Doc comments are structured trivia only when the project generates documentation; otherwise they are plain
    // `///` comments. Both are read as text.
    private static bool HasSummary(MethodDeclarationSyntax declaration)
    {
        var text = string.Concat(declaration.GetLeadingTrivia()
            .Where(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || t.IsKind(SyntaxKind.SingleLineCommentTrivia) && t.ToString().StartsWith("///", System.StringComparison.Ordinal))
            .Select(t => t.ToFullString()))
            .Replace("///", " ");
        var match = System.Text.RegularExpressions.Regex.Match(text, @"<summary\s*>(.*?)</summary\s*>", System.Text.RegularExpressions.RegexOptions.Singleline);
        return match.Success && match.Groups[1].Value.Trim().Length > 0;
    }

    private static string? NotSwappableReason(IMethodSymbol method)
    {
        if (method.IsGenericMethod) return "it is generic";
        if (method.IsVirtual || method.IsOverride) return "it is virtual or an override (a replacement would bypass virtual dispatch)";
        if (method.IsExtensionMethod) return "it is an extension method";
        if (method.ContainingType.TypeKind == TypeKind.Extension) return "it is a member of an extension block";
        if (method.ContainingType.IsGenericType) return $"it is declared in generic type {method.ContainingType.Name}<...>";
        if (method.ContainingType.TypeKind != TypeKind.Class) return $"it is declared in a {method.ContainingType.TypeKind.ToString().ToLowerInvariant()}, not a class";
        if (method.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeOrPointer())) return null; // untraced altogether: OPTO002 says so
        if (method.Parameters.FirstOrDefault(p => p.IsParams) is { } parameter) return $"parameter '{parameter.Name}' is params";
        if (method.Parameters.Length > 15) return "it has more than 15 parameters";
        if (method.DeclaringSyntaxReferences.Length != 1 || method.PartialDefinitionPart is not null || method.IsPartialDefinition) return "it is a partial method";
        return null;
    }
}
