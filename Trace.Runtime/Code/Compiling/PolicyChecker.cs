using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Code.Compiling;

/// <summary>
/// Finds every use of an API outside a <see cref="CodePolicy"/> in replacement code, by asking the compiler what each
/// name, call and type refers to (so aliases, <c>using static</c> and fully qualified names are all seen).
/// </summary>
internal static class PolicyChecker
{
    private static readonly HashSet<string> s_inMemoryIO = new(StringComparer.Ordinal)
    {
        "System.IO.StringReader", "System.IO.StringWriter", "System.IO.TextReader", "System.IO.TextWriter", "System.IO.MemoryStream",
        "System.IO.IOException", "System.IO.InvalidDataException", "System.IO.EndOfStreamException", "System.IO.SeekOrigin",
    };

    private static readonly HashSet<string> s_threadTypes = new(StringComparer.Ordinal)
    {
        "System.Threading.Thread", "System.Threading.ThreadPool", "System.Threading.Timer", "System.Threading.Tasks.Parallel",
        "System.Threading.Tasks.TaskFactory", "System.Threading.ThreadStart", "System.Threading.ParameterizedThreadStart",
        "System.Timers.Timer", "System.Threading.PeriodicTimer",
    };

    private static readonly HashSet<string> s_reflectionTypes = new(StringComparer.Ordinal)
    {
        "System.Activator", "System.AppDomain", "System.Runtime.CompilerServices.RuntimeHelpers", "System.Runtime.CompilerServices.UnsafeAccessorAttribute",
        "System.Runtime.CompilerServices.UnsafeAccessorKind", "System.Reflection.Assembly",
    };

    public sealed record Violation(Location Location, string Api, CodeCapabilities Area);

    public static List<Violation> Check(SyntaxNode body, SemanticModel model, CodePolicy policy)
    {
        var found = new List<Violation>();
        void Add(SyntaxNode node, string api, CodeCapabilities area)
        {
            // One report per line and area: the outermost use (pre-order), e.g. the call rather than the type name inside it.
            var line = node.GetLocation().GetLineSpan().StartLinePosition.Line;
            if (!policy.Allows(area) && !found.Exists(v => v.Location.GetLineSpan().StartLinePosition.Line == line && v.Area == area)) found.Add(new Violation(node.GetLocation(), api, area));
        }

        foreach (var node in body.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case UnsafeStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax:
                    Add(node, "unsafe code", CodeCapabilities.Unsafe);
                    continue;
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(m => m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.ExternKeyword)):
                    Add(node, "an unsafe or extern local function", CodeCapabilities.Unsafe);
                    break;
                case IdentifierNameSyntax { IsVar: false } name when model.GetTypeInfo(name).Type is IDynamicTypeSymbol || name.Identifier.Text == "dynamic" && model.GetSymbolInfo(name).Symbol is IDynamicTypeSymbol:
                    Add(node, "dynamic", CodeCapabilities.Reflection);
                    continue;
            }

            if (node is not (ExpressionSyntax or AttributeSyntax) || node is IdentifierNameSyntax { IsVar: true }) continue;
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is null) continue;
            if (Area(symbol) is { } area) Add(node, Describe(symbol), area);
            if (model.GetTypeInfo(node).Type is IDynamicTypeSymbol) Add(node, "dynamic", CodeCapabilities.Reflection);
        }

        return found;
    }

    private static CodeCapabilities? Area(ISymbol symbol)
    {
        var created = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor };
        if (created) symbol = symbol.ContainingType!;
        if (symbol is IPointerTypeSymbol or IFunctionPointerTypeSymbol) return CodeCapabilities.Unsafe;
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null) return null;
        var typeName = FullName(type.OriginalDefinition);
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";

        if ((ns == "System.IO" || ns.StartsWith("System.IO.", StringComparison.Ordinal)) && !s_inMemoryIO.Contains(typeName)) return CodeCapabilities.FileSystem;
        if (typeName is "System.Diagnostics.Process" or "System.Diagnostics.ProcessStartInfo") return CodeCapabilities.Processes;
        if (typeName == "System.Environment")
        {
            if (symbol is INamedTypeSymbol) return null; // the type's name alone does nothing; its members decide
            if (symbol.Name is "Exit" or "FailFast") return CodeCapabilities.Processes;
            return symbol.Name is "NewLine" ? null : CodeCapabilities.Environment;
        }

        if (typeName == "System.AppContext") return CodeCapabilities.Environment;
        if (ns == "System.Net" || ns.StartsWith("System.Net.", StringComparison.Ordinal)) return CodeCapabilities.Network;
        if (ns == "System.Reflection" || ns.StartsWith("System.Reflection.", StringComparison.Ordinal) || ns == "System.Runtime.Loader"
            || s_reflectionTypes.Contains(typeName) || ns == "System.Linq.Expressions" && symbol.Name == "Compile")
        {
            return CodeCapabilities.Reflection;
        }

        if (typeName == "System.Type" && symbol is IMethodSymbol { Name: var typeMethod }
            && (typeMethod.StartsWith("Get", StringComparison.Ordinal) && typeMethod != "GetTypeCode" || typeMethod.StartsWith("Invoke", StringComparison.Ordinal) || typeMethod.StartsWith("Make", StringComparison.Ordinal)))
        {
            return CodeCapabilities.Reflection;
        }

        if (typeName == "System.Delegate" && symbol.Name is "DynamicInvoke" or "CreateDelegate") return CodeCapabilities.Reflection;
        if (ns == "System.Runtime.InteropServices" || typeName == "System.Runtime.CompilerServices.Unsafe") return CodeCapabilities.Unsafe;
        if (s_threadTypes.Contains(typeName) || ns == "System.Timers") return CodeCapabilities.Threads;
        if (typeName == "System.Threading.Tasks.Task" && symbol.Name is "Run" or "Factory") return CodeCapabilities.Threads;
        if (typeName == "System.Threading.Tasks.Task" && created) return CodeCapabilities.Threads;
        return null;
    }

    private static string Describe(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol type => FullName(type),
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => "new " + FullName(constructor.ContainingType),
        _ => $"{FullName(symbol.ContainingType!)}.{symbol.Name}",
    };

    private static string FullName(INamedTypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)).Replace("global::", "", StringComparison.Ordinal);

    public static string AreaName(CodeCapabilities area) => area switch
    {
        CodeCapabilities.FileSystem => "file system access",
        CodeCapabilities.Processes => "process control",
        CodeCapabilities.Network => "network access",
        CodeCapabilities.Environment => "environment access",
        CodeCapabilities.Reflection => "reflection or dynamic code",
        CodeCapabilities.Unsafe => "unsafe code or native interop",
        CodeCapabilities.Threads => "threads or timers",
        _ => area.ToString(),
    };
}
