using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Code.Compiling;

/// <summary>
/// Finds every use of an API outside a <see cref="CodePolicy"/> in replacement code, by asking the compiler what each
/// name, call and type refers to (so aliases, <c>using static</c> and fully qualified names are all seen). Named areas
/// (file system, network, ...) are checked first for a precise message; anything else must be the project's own code
/// or part of a known-safe slice of the base library (an allow-list, so unknown APIs are refused, not missed).
/// </summary>
internal static partial class PolicyChecker
{
    private static readonly HashSet<string> s_safeNamespaces = new(StringComparer.Ordinal)
    {
        "System", "System.Collections", "System.Collections.Generic", "System.Collections.Immutable", "System.Collections.ObjectModel",
        "System.Collections.Specialized", "System.Collections.Frozen", "System.Collections.Concurrent", "System.Linq", "System.Text",
        "System.Text.RegularExpressions", "System.Text.Json", "System.Text.Json.Nodes", "System.Text.Json.Serialization", "System.Numerics",
        "System.Globalization", "System.Buffers", "System.Threading", "System.Threading.Tasks", "System.Runtime.CompilerServices",
        "System.Diagnostics.CodeAnalysis",
    };

    private static readonly HashSet<string> s_safeTypes = new(StringComparer.Ordinal)
    {
        "System.IO.StringReader", "System.IO.StringWriter", "System.IO.TextReader", "System.IO.TextWriter", "System.IO.MemoryStream",
        "System.IO.IOException", "System.IO.InvalidDataException", "System.IO.EndOfStreamException", "System.IO.SeekOrigin",
        "System.Diagnostics.Stopwatch", "System.Diagnostics.Debug", "System.Diagnostics.UnreachableException",
    };

    private static readonly HashSet<string> s_threadTypes = new(StringComparer.Ordinal)
    {
        "System.Threading.Thread", "System.Threading.ThreadPool", "System.Threading.Timer", "System.Threading.Tasks.Parallel",
        "System.Threading.Tasks.TaskFactory", "System.Threading.Tasks.TaskScheduler", "System.Threading.ThreadStart", "System.Threading.ParameterizedThreadStart",
        "System.Threading.PeriodicTimer", "System.Threading.SpinWait", "System.Threading.Monitor", "System.Threading.WaitHandle",
        "System.Threading.ManualResetEvent", "System.Threading.AutoResetEvent", "System.Threading.ManualResetEventSlim", "System.Threading.SemaphoreSlim",
        "System.Threading.Semaphore", "System.Threading.Mutex", "System.Threading.Barrier", "System.Threading.CountdownEvent", "System.Linq.ParallelEnumerable",
        "System.Collections.Concurrent.BlockingCollection", "System.Threading.Lock", "System.Threading.ReaderWriterLock", "System.Threading.ReaderWriterLockSlim",
    };

    private static readonly HashSet<string> s_reflectionTypes = new(StringComparer.Ordinal)
    {
        "System.Activator", "System.AppDomain", "System.Runtime.CompilerServices.RuntimeHelpers", "System.Runtime.CompilerServices.UnsafeAccessorAttribute",
        "System.Runtime.CompilerServices.UnsafeAccessorKind", "System.Linq.Queryable", "System.Linq.EnumerableQuery",
        "System.Linq.IQueryable", "System.Linq.IQueryProvider", "System.Linq.IOrderedQueryable", "System.ComponentModel.TypeDescriptor",
    };

    public sealed record Violation(Location Location, string Api, CodeCapabilities Area);

    public static List<Violation> Check(SyntaxNode body, SemanticModel model, CodePolicy policy, IAssemblySymbol project)
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
                case UnsafeStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax or FixedStatementSyntax:
                    Add(node, "unsafe code", CodeCapabilities.Unsafe);
                    continue;
                case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                    Add(node, "stackalloc", CodeCapabilities.Unsafe);
                    continue;
                // A lock can wait forever on one the host holds, and no checkpoint runs while it waits.
                case LockStatementSyntax:
                    Add(node, "a lock statement", CodeCapabilities.Threads);
                    break;
                case MakeRefExpressionSyntax or RefValueExpressionSyntax or RefTypeExpressionSyntax or LiteralExpressionSyntax { RawKind: (int)SyntaxKind.ArgListExpression }:
                    Add(node, node.GetFirstToken().Text, CodeCapabilities.Unsafe);
                    continue;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression or (int)SyntaxKind.PointerIndirectionExpression }
                    or MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.PointerMemberAccessExpression }:
                    Add(node, "a pointer", CodeCapabilities.Unsafe);
                    continue;
                case LocalFunctionStatementSyntax local when local.Modifiers.Any(m => m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.ExternKeyword)):
                    Add(node, "an unsafe or extern local function", CodeCapabilities.Unsafe);
                    break;
            }

            if (node is not (ExpressionSyntax or AttributeSyntax) || node is IdentifierNameSyntax { IsVar: true }) continue;
            if (model.GetTypeInfo(node).Type is IDynamicTypeSymbol)
            {
                Add(node, "dynamic", CodeCapabilities.Reflection);
                continue;
            }

            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is null || symbol is INamespaceSymbol or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or ITypeParameterSymbol) continue;
            if (Area(symbol, node, policy, project) is { } area) Add(node, Describe(symbol), area);
        }

        CheckWrites(body, model, Add);
        CheckOutliving(body, model, Add);
        return found;
    }

    private static CodeCapabilities? Area(ISymbol symbol, SyntaxNode node, CodePolicy policy, IAssemblySymbol project)
    {
        var created = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor };
        var member = symbol;
        if (created) symbol = symbol.ContainingType!;
        if (symbol is IPointerTypeSymbol or IFunctionPointerTypeSymbol) return CodeCapabilities.Unsafe;
        if (symbol is IArrayTypeSymbol array) symbol = array.ElementType;
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null) return null;
        type = type.OriginalDefinition;
        var typeName = FullName(type);
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        var name = member.Name;
        var assigned = node.Parent is AssignmentExpressionSyntax assignment && assignment.Left == node;

        // The patch's own plumbing: the budget's checkpoints and the generated accessors (the model cannot name them: __ is reserved).
        if (typeName == "Opto.Interception.CallBudget" || type.Name == PatchSource.ClassName) return null;

        // Named areas first, for a precise message.
        if ((ns == "System.IO" || ns.StartsWith("System.IO.", StringComparison.Ordinal)) && !s_safeTypes.Contains(typeName)) return CodeCapabilities.FileSystem;
        if (typeName is "System.Diagnostics.Process" or "System.Diagnostics.ProcessStartInfo") return CodeCapabilities.Processes;
        if (typeName == "System.Environment")
        {
            if (symbol is INamedTypeSymbol) return null; // the type's name alone does nothing; its members decide
            if (name is "Exit" or "FailFast") return CodeCapabilities.Processes;
            return name is "NewLine" ? null : CodeCapabilities.Environment;
        }

        if (typeName is "System.AppContext" or "System.GC") return CodeCapabilities.Environment;
        if (symbol is not INamedTypeSymbol && (s_stateTypes.Contains(typeName) || s_stateMembers.Contains(typeName + "." + name))) return CodeCapabilities.Environment;

        // Handlers the compiler creates for $"..." rent from the shared array pool: a copy of one, cleared twice, returns an array twice.
        if (IsInterpolatedStringHandler(type)) return CodeCapabilities.Environment;
        if (typeName == "System.Console" && symbol is not INamedTypeSymbol && !name.StartsWith("Write", StringComparison.Ordinal)) return CodeCapabilities.Environment;
        if (typeName == "System.Globalization.CultureInfo" && assigned) return CodeCapabilities.Environment; // process-wide culture
        if (ns == "System.Net" || ns.StartsWith("System.Net.", StringComparison.Ordinal)) return CodeCapabilities.Network;

        // A type's name is not reflection: Type inherits Name from MemberInfo, and no other MemberInfo is reachable without reflection.
        if (typeName == "System.Reflection.MemberInfo" && name == "Name" && member is IPropertySymbol) return null;
        if (ns == "System.Reflection" || ns.StartsWith("System.Reflection.", StringComparison.Ordinal) || ns == "System.Runtime.Loader"
            || ns == "System.Linq.Expressions" || ns.StartsWith("System.Linq.Expressions.", StringComparison.Ordinal) || s_reflectionTypes.Contains(typeName))
        {
            return CodeCapabilities.Reflection;
        }

        if (typeName == "System.Type" && member is IMethodSymbol or IPropertySymbol
            && name is not ("Name" or "FullName" or "Namespace" or "ToString" or "Equals" or "GetHashCode" or "GetTypeCode" or "op_Equality" or "op_Inequality"))
        {
            return CodeCapabilities.Reflection;
        }

        if (typeName == "System.Delegate" && name is "DynamicInvoke" or "CreateDelegate" or "Method") return CodeCapabilities.Reflection;
        // Memory safety is per member: an allowed namespace (System, System.Numerics, ...) still holds members that read or
        // write through references without bounds checks.
        if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, project) && BreaksMemorySafety(member, typeName)) return CodeCapabilities.Unsafe;
        if (ns == "System.Runtime.InteropServices" || ns.StartsWith("System.Runtime.InteropServices.", StringComparison.Ordinal)) return CodeCapabilities.Unsafe;
        if (s_threadTypes.Contains(typeName) || ns == "System.Timers") return CodeCapabilities.Threads;
        if (typeName == "System.Threading.SynchronizationContext" && name is "Post" or "Send") return CodeCapabilities.Threads;
        if (typeName is "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask<TResult>")
        {
            // Starting work elsewhere, or blocking this thread on other work, escapes the call's budget.
            if (created || name is "Run" or "Factory" or "ContinueWith" or "Wait" or "WaitAll" or "WaitAny" or "Result" or "RunSynchronously" or "Start") return CodeCapabilities.Threads;
        }

        if (typeName == "System.Runtime.CompilerServices.TaskAwaiter" || typeName == "System.Runtime.CompilerServices.TaskAwaiter<TResult>")
        {
            if (name == "GetResult") return CodeCapabilities.Threads;
        }

        // A backtracking match can run for hours inside the library, where no checkpoint runs: only a match timeout stops it.
        if (typeName == "System.Text.RegularExpressions.Regex" && (name == "InfiniteMatchTimeout" || (created || member.IsStatic) && member is IMethodSymbol regexMethod
                && regexMethod.Parameters.Any(p => p.Name == "pattern") && !regexMethod.Parameters.Any(p => p.Type.Name == "TimeSpan")))
        {
            return CodeCapabilities.Threads;
        }

        if (typeName == "System.Threading.CancellationTokenSource" && (name is "CancelAfter" || created && member is IMethodSymbol { Parameters.Length: > 0 })) return CodeCapabilities.Threads;
        if (typeName == "System.Threading.CancellationToken" && name == "Register") return CodeCapabilities.Threads;

        // Otherwise: the project's own code, or the known-safe base library, or a namespace the policy allows.
        if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, project)) return null;
        if (s_safeNamespaces.Contains(ns) || s_safeTypes.Contains(typeName)) return null;
        if (policy.AllowedNamespaces.Any(allowed => ns == allowed || ns.StartsWith(allowed + ".", StringComparison.Ordinal))) return null;
        return CodeCapabilities.OtherApis;
    }

    private static string Describe(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol type => FullName(type),
        IArrayTypeSymbol array => Describe(array.ElementType),
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => "new " + FullName(constructor.ContainingType),
        _ when symbol.ContainingType is { } containing => $"{FullName(containing)}.{symbol.Name}",
        _ => symbol.ToDisplayString(),
    };

    private static string FullName(INamedTypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)).Replace("global::", "", StringComparison.Ordinal);

    public static string AreaName(CodeCapabilities area) => area switch
    {
        CodeCapabilities.FileSystem => "file system access",
        CodeCapabilities.Processes => "process control",
        CodeCapabilities.Network => "network access",
        CodeCapabilities.Environment => "environment or process-wide state",
        CodeCapabilities.Reflection => "reflection or dynamic code",
        CodeCapabilities.Unsafe => "unsafe code or native interop",
        CodeCapabilities.Threads => "threads, timers, blocking waits or work no checkpoint can stop (a regular expression needs a match timeout)",
        CodeCapabilities.Background => "work that outlives the call",
        CodeCapabilities.OtherApis => "outside the project and the allowed part of the base library",
        _ => area.ToString(),
    };
}
