using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>
/// Whether code the generator adds to a project can name a symbol directly. The compiler's own check first looks for the
/// symbol's assembly among every reference of the compilation, on every call; a declaration that is public at every
/// level (or internal, in the project itself) is accessible without it, and only the others are asked of the compiler.
/// </summary>
internal static class ProjectAccess
{
    /// <summary>Whether code in <paramref name="compilation"/>'s assembly can access <paramref name="symbol"/>.</summary>
    public static bool Allows(ISymbol symbol, Compilation compilation) =>
        ByDeclaration(symbol, compilation) ?? compilation.IsSymbolAccessibleWithin(symbol, compilation.Assembly);

    // True when every level of the declaration is accessible from the project; null when the compiler must decide (a
    // constructed generic, whose type arguments count too; private, protected and file-local declarations; another
    // assembly's internal ones, which InternalsVisibleTo may open).
    private static bool? ByDeclaration(ISymbol symbol, Compilation compilation)
    {
        var ownAssembly = SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly);
        for (var level = symbol; level is not null; level = level.ContainingType)
        {
            if (!SymbolEqualityComparer.Default.Equals(level, level.OriginalDefinition)) return null;
            if (level is INamedTypeSymbol { IsFileLocal: true }) return null;
            switch (level.DeclaredAccessibility)
            {
                case Accessibility.Public:
                case Accessibility.Internal or Accessibility.ProtectedOrInternal when ownAssembly:
                    continue;
                default:
                    return null;
            }
        }

        return true;
    }
}
