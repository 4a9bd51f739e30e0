using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// The traced methods that code of the compilation may run without their interceptor: called where none runs (through an
/// interface or a base member, in an expression tree, at a call OPTO013 reports), made into a delegate or a function
/// pointer, called through <c>dynamic</c>, or looked up by reflection. A traced method's body keeps the glue slots of its
/// activation to itself only because its interceptor gives every call of it a running call of its own: entered another
/// way, it runs inside the running call of whoever entered it, and when that is itself, the inner activation's producers
/// overwrite the outer one's slots. Calls from other assemblies are not seen.
/// </summary>
internal sealed class UninterceptedEntries
{
    private static readonly ConditionalWeakTable<Compilation, Lazy<UninterceptedEntries>> s_entries = new();
    private static readonly ConditionalWeakTable<Compilation, Func<SyntaxTree, SemanticModel>> s_models = new();

    // Names the compiler calls methods by for a pattern: `foreach`, `using`, `await`, deconstruction, collection
    // initializers, query syntax, interpolated string handlers. Such calls have no name written to intercept.
    private static readonly HashSet<string> s_patternNames = new(StringComparer.Ordinal)
    {
        "GetEnumerator", "GetAsyncEnumerator", "MoveNext", "MoveNextAsync", "Dispose", "DisposeAsync", "Deconstruct", "Add",
        "GetAwaiter", "GetResult", "OnCompleted", "Select", "SelectMany", "Where", "OrderBy", "OrderByDescending", "ThenBy",
        "ThenByDescending", "GroupBy", "Join", "GroupJoin", "Cast", "AppendLiteral", "AppendFormatted", "Slice", "GetPinnableReference",
    };

    // Reflection's ways to find a method by name, and to run what it found.
    private static readonly HashSet<string> s_lookups = new(StringComparer.Ordinal)
    {
        "GetMethod", "GetMethods", "GetMember", "GetMembers", "InvokeMember", "GetRuntimeMethod", "GetRuntimeMethods",
        "GetDeclaredMethod", "GetDeclaredMethods", "CreateDelegate",
    };

    private static readonly HashSet<string> s_runs = new(StringComparer.Ordinal) { "Invoke", "InvokeMember", "CreateDelegate", "DynamicInvoke" };

    private readonly Dictionary<ISymbol, string> _methods = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, List<(IMethodSymbol Member, string How)>> _dispatched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _dynamic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lookedUp = new(StringComparer.Ordinal);
    private readonly List<(ITypeSymbol Type, string How)> _lookedUpIn = [];
    private string? _lookedUpByAnyName;
    private bool _reflectionRuns;
    private IAssemblySymbol? _assembly;
    private IReadOnlyList<INamedTypeSymbol>? _implementers;

    /// <summary>
    /// Lets the scan bind with the models the calls' parser binds with, so the bodies it reads are bound once. Without it,
    /// the scan asks the compilation for models (which an analyzer's driver caches).
    /// </summary>
    public static void BindWith(Compilation compilation, Func<SyntaxTree, SemanticModel> models)
    {
        s_models.Remove(compilation);
        s_models.Add(compilation, models);
    }

    /// <summary>How code of the compilation may run a traced method without its interceptor, and what to do, as a message says them.</summary>
    public sealed record Entry(string How, string Fix);

    private const string CallByName = "call it by its name there (in a lambda, for a delegate), so every call of it is intercepted";

    /// <summary>How code of the compilation may run <paramref name="method"/> without its interceptor; null when none can.</summary>
    public static Entry? HowEntered(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        var definition = (method.PartialDefinitionPart ?? method).OriginalDefinition;
        if (InterceptionRule.NeverIntercepted(definition) is not null)
        {
            return new("no call of it is intercepted (OPTO001 or OPTO002 says why)", "change what that diagnostic names, so its calls are intercepted");
        }

        // The compiler calls a pattern's method on a value, as an instance or an extension method.
        if ((!definition.IsStatic || definition.IsExtensionMethod) && s_patternNames.Contains(definition.Name))
        {
            return new($"the compiler may call it by its name '{definition.Name}' for a pattern (foreach, using, await, a query or an initializer), where no interceptor runs",
                "give it a name no pattern calls, and call it by that name");
        }

        var entries = Of(compilation, cancellationToken);
        var how = entries.Found(definition);
        return how is null ? null : new(how, CallByName);
    }

    private string? Found(IMethodSymbol definition)
    {
        if (_methods.TryGetValue(definition, out var how)) return how;
        if (_dispatched.TryGetValue(definition.Name, out var members) && members.FirstOrDefault(m => MayDispatchTo(m.Member, definition)).How is { } dispatched) return dispatched;
        if (_dynamic.TryGetValue(definition.Name, out how)) return how;
        if (_lookedUp.TryGetValue(definition.Name, out how)) return how;
        if (!_reflectionRuns) return null;
        return _lookedUpByAnyName ?? _lookedUpIn.FirstOrDefault(l => Related(definition.ContainingType, l.Type)).How;
    }

    // A type's lookup finds the methods it inherits; `GetType()` may be a derived type's.
    private static bool Related(INamedTypeSymbol declaring, ITypeSymbol looked)
    {
        for (ITypeSymbol? type = looked; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, declaring.OriginalDefinition)) return true;
        }

        for (ITypeSymbol? type = declaring; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, looked.OriginalDefinition)) return true;
        }

        return false;
    }

    private static UninterceptedEntries Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var scan = s_entries.GetValue(compilation, c => new Lazy<UninterceptedEntries>(() => Scan(c, cancellationToken)));
        try
        {
            return scan.Value;
        }
        catch (OperationCanceledException)
        {
            // A canceled scan is not the answer: the next asker scans again.
            s_entries.Remove(compilation);
            throw;
        }
    }

    private static UninterceptedEntries Scan(Compilation compilation, CancellationToken cancellationToken)
    {
        var entries = new UninterceptedEntries { _assembly = compilation.Assembly };
        var names = (TracedNames.Of(compilation, cancellationToken) ?? TracedNames.OfSymbols(compilation, cancellationToken)).All;
        var modelOf = s_models.TryGetValue(compilation, out var models) ? models : tree => compilation.GetSemanticModel(tree);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (OwnOutput.Is(tree)) continue;
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case InvocationExpressionSyntax invocation:
                        var invoked = TracedNames.InvokedName(invocation);
                        if (names.Contains(invoked)) entries.NoteCall(invocation, model ??= modelOf(tree), compilation, cancellationToken);
                        if (s_lookups.Contains(invoked)) entries.NoteReflection(invocation, invoked, model ??= modelOf(tree), cancellationToken);
                        break;
                    case SimpleNameSyntax name when names.Contains(name.Identifier.ValueText) && !IsInvokedName(name) && !InNameOf(name):
                        entries.NoteReference(name, model ??= modelOf(tree), cancellationToken);
                        break;
                }
            }
        }

        // A lookup by a name that is not a constant matters only where reflection also runs what it finds: most programs that
        // list methods do it to read attributes. Calls named Invoke are bound for it only then.
        if ((entries._lookedUpByAnyName is not null || entries._lookedUpIn.Count > 0) && !entries._reflectionRuns) entries.FindReflectionRuns(compilation, modelOf, cancellationToken);
        return entries;
    }

    private void FindReflectionRuns(Compilation compilation, Func<SyntaxTree, SemanticModel> modelOf, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (OwnOutput.Is(tree)) continue;
            SemanticModel? model = null;
            foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var invoked = TracedNames.InvokedName(invocation);
                if (!s_runs.Contains(invoked)) continue;
                NoteReflection(invocation, invoked, model ??= modelOf(tree), cancellationToken);
                if (_reflectionRuns) return;
            }
        }
    }

    // A call by a traced method's name: entered without its interceptor where the call is not intercepted.
    private void NoteCall(InvocationExpressionSyntax invocation, SemanticModel model, Compilation compilation, CancellationToken cancellationToken)
    {
        switch (model.GetOperation(invocation, cancellationToken))
        {
            case IInvocationOperation call when call.TargetMethod.MethodKind != MethodKind.DelegateInvoke && !InterceptionRule.Judge(call, compilation, Symbols.IsTracedMethod).IsIntercepted:
                var called = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
                if (called.IsTracedMethod()) First(_methods, called, $"a call of it is not intercepted ({At(invocation)})");
                // Through an interface or a base member, any implementation or override by the name may run.
                if (called.IsVirtual || called.IsAbstract || called.IsOverride || called.ContainingType.TypeKind == TypeKind.Interface)
                {
                    Dispatched(called, $"it may be called through an interface or a base member, where no interceptor runs ({At(invocation)})");
                }

                break;
            case IDynamicInvocationOperation:
                First(_dynamic, TracedNames.InvokedName(invocation), $"it may be called through 'dynamic', where no interceptor runs ({At(invocation)})");
                break;
        }
    }

    // The first evidence found is the one a message names.
    private static void First<TKey>(Dictionary<TKey, string> found, TKey key, string how)
    {
        if (!found.ContainsKey(key)) found.Add(key, how);
    }

    private void Dispatched(IMethodSymbol member, string how)
    {
        if (!_dispatched.TryGetValue(member.Name, out var members)) _dispatched[member.Name] = members = [];
        if (!members.Any(m => SymbolEqualityComparer.Default.Equals(m.Member, member))) members.Add((member, how));
    }

    // Whether a call of an interface or a base member may run the method: a method of as many parameters, whose type (or a
    // base of it) implements the interface or derives from the member's type, or whose type a type of the compilation derives
    // from that implements the interface (with the inherited method, `class Derived : Agent, IAgent`).
    private bool MayDispatchTo(IMethodSymbol member, IMethodSymbol method)
    {
        if (member.Parameters.Length != method.Parameters.Length || member.IsStatic != method.IsStatic) return false;
        var owner = member.ContainingType.OriginalDefinition;
        if (owner.TypeKind == TypeKind.Interface)
        {
            return Implements(method.ContainingType, owner)
                || !method.IsStatic && Implementers().Any(t => Implements(t, owner) && t.IsOrDerivesFrom(method.ContainingType));
        }

        return method.ContainingType.IsOrDerivesFrom(owner);
    }

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol contract) =>
        type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, contract));

    // The compilation's classes and structs that implement an interface, read once when a dispatch needs them.
    private IReadOnlyList<INamedTypeSymbol> Implementers() =>
        LazyInitializer.EnsureInitialized(ref _implementers, () =>
        {
            var found = new List<INamedTypeSymbol>();
            var pending = new Stack<INamespaceOrTypeSymbol>();
            if (_assembly is not null) pending.Push(_assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (member is not INamespaceOrTypeSymbol container) continue;
                    pending.Push(container);
                    if (member is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, Interfaces.Length: > 0 } type) found.Add(type);
                }
            }

            return found;
        })!;

    // A traced method's name not called: a delegate or a function pointer made of the method.
    private void NoteReference(SimpleNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
    {
        var expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
        var info = model.GetSymbolInfo(expression, cancellationToken);
        var methods = info.Symbol is IMethodSymbol one ? [one] : info.CandidateSymbols.OfType<IMethodSymbol>().ToArray();
        foreach (var method in methods)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (!definition.IsTracedMethod()) continue;
            var how = $"a delegate is made of it, whose calls no interceptor sees ({At(Made(expression))})";
            First(_methods, definition, how);
            // A delegate of a virtual method runs the override.
            if (definition.IsVirtual || definition.IsAbstract || definition.IsOverride) Dispatched(definition, how);
        }
    }

    // Where a delegate is made, as a message shows it: the assignment, the call it is given to, the variable it sets.
    private static SyntaxNode Made(ExpressionSyntax group) => group.Parent switch
    {
        AssignmentExpressionSyntax assignment => assignment,
        ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } call } } => call,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator,
        ExpressionSyntax parent => parent,
        _ => group,
    };

    // Reflection: a method looked up by a name (any, when the name is not a constant) and run.
    private void NoteReflection(InvocationExpressionSyntax invocation, string invoked, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call || !IsReflection(call.TargetMethod.ContainingType)) return;
        if (s_runs.Contains(invoked)) _reflectionRuns = true;
        if (!s_lookups.Contains(invoked)) return;
        var how = $"reflection may look it up and run it, where no interceptor runs ({At(invocation)})";
        var name = call.Arguments.FirstOrDefault(a => a.Value.Type?.SpecialType == SpecialType.System_String);
        if (name?.Value.ConstantValue is { HasValue: true, Value: string constant }) First(_lookedUp, constant, how);
        else if (LookedUpType(call) is { } type) _lookedUpIn.Add((type, how));
        else _lookedUpByAnyName ??= how;
    }

    // The type whose methods a lookup searches, where the code says it: `typeof(Agent)`, or `agent.GetType()` (of the
    // agent's type or one derived from it).
    private static ITypeSymbol? LookedUpType(IInvocationOperation call)
    {
        var type = call.Instance ?? call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0 && call.TargetMethod.IsExtensionMethod)?.Value;
        return GlueFlow.Unwrap(type ?? call) switch
        {
            ITypeOfOperation typeOf => typeOf.TypeOperand,
            IInvocationOperation { TargetMethod.Name: "GetType", Instance.Type: { } instance } getType when getType.Arguments.Length == 0 => instance,
            _ => null,
        };
    }

    private static bool IsReflection(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            var space = type.ContainingNamespace?.ToDisplayString();
            if (space == "System.Reflection" || space == "System" && type.Name is "Type" or "Delegate" or "MulticastDelegate") return true;
        }

        return false;
    }

    private static bool IsInvokedName(SimpleNameSyntax name) => name.Parent switch
    {
        InvocationExpressionSyntax invocation => invocation.Expression == name,
        MemberAccessExpressionSyntax access => access.Name == name && access.Parent is InvocationExpressionSyntax call && call.Expression == access,
        MemberBindingExpressionSyntax binding => binding.Parent is InvocationExpressionSyntax call && call.Expression == binding,
        _ => false,
    };

    private static bool InNameOf(SyntaxNode node) =>
        node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });

    private static string At(SyntaxNode node)
    {
        var line = node.GetLocation().GetLineSpan();
        return $"at {System.IO.Path.GetFileName(line.Path)} line {line.StartLinePosition.Line + 1}: {GlueFlow.Shown(node.ToString())}";
    }
}
