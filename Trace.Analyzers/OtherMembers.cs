using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// What other members of the project put where a value is read from: the values a field or property of an object is given
/// in its type's other members (<c>_summary = Search(q)</c> in one method, <c>Complete(_summary + "?")</c> in another), and
/// the values an untraced method returns (<c>Complete(GetDocs(q))</c> with <c>GetDocs</c> returning
/// <c>"Docs: " + Search(q)</c>). No slot crosses a member, so a result that reaches a traced call changed along such a path
/// is not linked. Read from the members' own bodies, once per compilation.
/// </summary>
internal sealed class OtherMembers(Func<SyntaxTree, SemanticModel> modelOf, TraceAttributes attributes, CancellationToken cancellationToken)
{
    private readonly ConcurrentDictionary<ISymbol, IReadOnlyList<IOperation>> _writes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IOperation>> _returns = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IOperation>> _yields = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IParameterSymbol, IReadOnlyList<Put>> _puts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, IReadOnlyList<Put>> _memberPuts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _bodies = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(ISymbol Type, ISymbol Member), IReadOnlyList<IOperation>> _writesIn = new(SymbolPairs.Instance);
    private readonly ConcurrentDictionary<ISymbol, IReadOnlyList<(string, IOperation)>> _users = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, IReadOnlyList<IOperation>> _handers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, IReadOnlyList<(IOperation, string)>> _madeWith = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A value an untraced method puts into a <c>StringBuilder</c> it was given, where the builder's text does not link it
    /// unless it is unchanged: <paramref name="Value"/> is what was put, <paramref name="Linkable"/> whether the member used
    /// records its parts (<c>Append</c>, <c>AppendLine</c>, <c>Insert</c>), and <paramref name="Parameters"/> the method's
    /// parameters it is made from, with whether it is one of them (or one of their elements) unchanged.
    /// </summary>
    public sealed record Put(IOperation Value, bool Linkable, string Reason, IReadOnlyList<(IParameterSymbol Parameter, bool Unchanged)> Parameters, GlueFlow.Flow? Glue)
    {
        /// <summary>Whether the generator links <paramref name="producer"/> where the value is put in, as glue the compiler proved (StoredGlue).</summary>
        public bool Glued(IInvocationOperation producer) => Glue is { IsDirect: false } flow && flow.AllProducers.Any(p => p.Syntax == producer.Syntax);
    }

    /// <summary>The values <paramref name="member"/> (a field or a property, of this object or static) is given in any member of its type.</summary>
    public IReadOnlyList<IOperation> WritesOf(ISymbol member) => _writes.GetOrAdd(member.OriginalDefinition, m => FindWrites(m, m.ContainingType, initializers: true));

    /// <summary>The value <paramref name="member"/> (a field or a property) starts as, when its declaration gives it one (<c>public string Seed = Made();</c>).</summary>
    public IReadOnlyList<IOperation> InitialValuesOf(ISymbol member)
    {
        var values = new List<IOperation>();
        foreach (var reference in member.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (GlueFlow.InitializerOf(reference.GetSyntax(cancellationToken)) is { } initializer && modelOf(initializer.SyntaxTree).GetOperation(initializer, cancellationToken) is ISymbolInitializerOperation { Value: { } value }) values.Add(value);
        }

        return values;
    }

    /// <summary>
    /// What an instance <paramref name="member"/> (a field or a property) is set to by its object's own code as the object is
    /// made: its declaration's initializer and each of its type's constructors, each with where (<c>the constructor of 'State'</c>).
    /// </summary>
    public IReadOnlyList<(IOperation Value, string SetBy)> MadeWith(ISymbol member) => _madeWith.GetOrAdd(member.OriginalDefinition, FindMadeWith);

    private IReadOnlyList<(IOperation Value, string SetBy)> FindMadeWith(ISymbol member)
    {
        if (member.IsStatic) return [];
        var values = InitialValuesOf(member).Select(v => (v, $"the declaration of '{member.Name}'")).ToList();
        foreach (var constructor in member.ContainingType.InstanceConstructors)
        {
            if (BodyOf(constructor) is not { } body || !MemberWrites.In(body).TryGetValue(member, out var writes)) continue;
            values.AddRange(ValuesGiven(writes).Select(v => (v, $"the constructor of '{member.ContainingType.Name}'")));
        }

        return values;
    }

    /// <summary>The values the static <paramref name="member"/> of another type is given in the members of <paramref name="type"/>.</summary>
    public IReadOnlyList<IOperation> WritesIn(INamedTypeSymbol type, ISymbol member) =>
        _writesIn.GetOrAdd((type.OriginalDefinition, member.OriginalDefinition), key => FindWrites(key.Member, key.Type, initializers: false));

    /// <summary>The values <paramref name="method"/> returns, when it is an untraced method of the project with a body; else none.</summary>
    public IReadOnlyList<IOperation> ReturnsOf(IMethodSymbol method) => _returns.GetOrAdd((method.ReducedFrom ?? method).OriginalDefinition, FindReturns);

    /// <summary>What the untraced method of <paramref name="builder"/> (a <c>StringBuilder</c> parameter) puts into it; none for a traced method.</summary>
    public IReadOnlyList<Put> PutsInto(IParameterSymbol builder) => _puts.GetOrAdd(builder.OriginalDefinition, FindPuts);

    private IReadOnlyList<Put> FindPuts(IParameterSymbol builder) =>
        builder.ContainingSymbol is IMethodSymbol method && UntracedBody(method) is { } body
            ? PutsIn(body, method.Name, $"the StringBuilder '{builder.Name}'", call => IsPutInto(call, builder))
            : [];

    /// <summary>The values <paramref name="method"/> yields, when it is an untraced iterator of the project: the elements of what it returns.</summary>
    public IReadOnlyList<IOperation> YieldsOf(IMethodSymbol method) => _yields.GetOrAdd((method.ReducedFrom ?? method).OriginalDefinition, FindYields);

    /// <summary>
    /// The bound body of an ordinary method or a constructor of the project, traced or not (what it puts into a collection it
    /// is given or keeps is followed either way: the generator links only what its own rule proves); null for any other.
    /// </summary>
    public IOperation? BodyOf(IMethodSymbol method) =>
        method.MethodKind is MethodKind.Ordinary or MethodKind.Constructor ? _bodies.GetOrAdd(method.OriginalDefinition, m => Body(m, untracedOnly: false)) : null;

    /// <summary>
    /// The bound bodies of the members of <paramref name="member"/>'s type (a field or property) that name it, with each
    /// member's name: where something may be put into the object it holds.
    /// </summary>
    public IReadOnlyList<(string Member, IOperation Body)> BodiesUsing(ISymbol member) => _users.GetOrAdd(member.OriginalDefinition, m =>
        [.. BodiesOf(m.ContainingType, b => b.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == m.Name))
            .Select(b => (NameOf(b.Syntax, b.Operation, m), b.Operation))]);

    /// <summary>
    /// The bound bodies of the members of <paramref name="method"/>'s type that name it other than to call it: where it may
    /// be handed on as a method group (<c>Replied += OnReplied</c>).
    /// </summary>
    public IReadOnlyList<IOperation> BodiesHandingOn(IMethodSymbol method) => _handers.GetOrAdd(method.OriginalDefinition, m =>
        [.. BodiesOf(m.ContainingType, b => b.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == m.Name && !IsCalled(n))).Select(b => b.Operation)]);

    private static bool IsCalled(IdentifierNameSyntax name)
    {
        SyntaxNode called = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return called.Parent is InvocationExpressionSyntax invocation && invocation.Expression == called;
    }

    private string NameOf(SyntaxNode body, IOperation operation, ISymbol member)
    {
        var declared = (operation.SemanticModel ?? modelOf(body.SyntaxTree)).GetDeclaredSymbol(body, cancellationToken);
        return (declared as IMethodSymbol)?.AssociatedSymbol?.Name ?? declared?.Name ?? member.ContainingType.Name;
    }

    // The bound body of an ordinary method or a property getter of the project that is not traced; null for any other.
    private IOperation? UntracedBody(IMethodSymbol method) => Body(method, untracedOnly: true);

    private IOperation? Body(IMethodSymbol method, bool untracedOnly)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.Constructor or MethodKind.Conversion or MethodKind.UserDefinedOperator)
            || method.IsAbstract || method.IsExtern)
        {
            return null;
        }

        if (method.MethodKind == MethodKind.Constructor && untracedOnly) return null;
        if (untracedOnly && attributes.IsTracedOrOverridesTraced(method)) return null;
        SyntaxNode? body = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) switch
        {
            MethodDeclarationSyntax declaration when (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not null => declaration,
            ConstructorDeclarationSyntax constructor when (constructor.Body ?? (SyntaxNode?)constructor.ExpressionBody) is not null => constructor,
            AccessorDeclarationSyntax accessor when (accessor.Body ?? (SyntaxNode?)accessor.ExpressionBody) is not null => accessor,
            ArrowExpressionClauseSyntax arrow => arrow, // `string Summary => ...;`
            BaseMethodDeclarationSyntax op when (op.Body ?? (SyntaxNode?)op.ExpressionBody) is not null => op, // a conversion or an operator
            _ => null,
        };
        return body is null ? null : modelOf(body.SyntaxTree).GetOperation(body, cancellationToken);
    }

    // The bodies of the members of a type (all its parts) whose syntax may matter, bound; the others are not.
    private IEnumerable<(SyntaxNode Syntax, IOperation Operation)> BodiesOf(INamedTypeSymbol type, Func<SyntaxNode, bool> mayMatter)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration) continue;
            foreach (var body in Bodies(declaration))
            {
                if (mayMatter(body) && modelOf(body.SyntaxTree).GetOperation(body, cancellationToken) is { } operation) yield return (body, operation);
            }
        }
    }

    /// <summary>What the other members of its type put into <paramref name="member"/>, a <c>StringBuilder</c> field or property.</summary>
    public IReadOnlyList<Put> PutsOn(ISymbol member) => _memberPuts.GetOrAdd(member.OriginalDefinition, FindMemberPuts);

    private IReadOnlyList<Put> FindMemberPuts(ISymbol member)
    {
        var puts = new List<Put>();
        // Only bodies that call something on a name like the member's are bound.
        foreach (var (body, operation) in BodiesOf(member.ContainingType, b => b.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(a => NameOf(a.Expression) == member.Name)))
        {
            puts.AddRange(PutsIn(operation, NameOf(body, operation, member), $"'{member.Name}'", call => IsPutOn(call, member)));
        }

        return puts;
    }

    private List<Put> PutsIn(IOperation body, string method, string into, Func<IInvocationOperation, bool> isPut)
    {
        var puts = new List<Put>();
        var symbol = body.SemanticModel?.GetDeclaredSymbol(body.Syntax) as IMethodSymbol;
        foreach (var call in body.Descendants().OfType<IInvocationOperation>())
        {
            if (!isPut(call)) continue;
            foreach (var put in BuilderPuts.Of(call))
            {
                var linkable = BuilderPuts.Links(put.Way);
                var reason = put.Way switch
                {
                    _ when linkable => $"'{method}' changes it before it puts it into {into}; only a value appended unchanged is linked",
                    BuilderPuts.Way.Interpolated => $"'{method}' interpolates it into {into}, whose holes no interceptor sees; append it on its own (.Append(value))",
                    _ => $"'{method}' puts it into {into} through {call.TargetMethod.Name}, which is not linked; put text or objects in with Append, AppendLine or Insert",
                };
                var glued = linkable && body.SemanticModel is { } model && StoredGlue.Values(call, model.Compilation).Any(a => ReferenceEquals(a.Value, put.Value))
                    ? GlueFlow.Of(StoredGlue.Unconverted(put.Value), c => GlueLinkAnalyzer.IsTracedCallOf(c, attributes), cancellationToken)
                    : null;
                puts.Add(new Put(put.Value, linkable, reason, symbol is null ? [] : ParametersIn(put.Value, symbol, body), glued));
            }
        }

        return puts;
    }

    // A call on this object's (or a static) builder member, or on what a chain of calls on it returned.
    private static bool IsPutOn(IInvocationOperation call, ISymbol member)
    {
        var instance = call.Instance;
        while (instance is IInvocationOperation { Instance: { } inner } chained && TextBuilderCalls.IsBuilder(chained.Type)) instance = inner;
        return instance is IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } reference
            && SymbolEqualityComparer.Default.Equals(reference.Member.OriginalDefinition, member);
    }

    // A call on the builder parameter itself, or on what a chain of calls on it returned (`sb.Append("- ").Append(doc)`).
    private static bool IsPutInto(IInvocationOperation call, IParameterSymbol builder)
    {
        var instance = call.Instance;
        while (instance is IInvocationOperation { Instance: { } inner } chained && TextBuilderCalls.IsBuilder(chained.Type)) instance = inner;
        return instance is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, builder);
    }

    // The method's parameters a value is made from, through the locals it reads (a `foreach` variable over one, a local set
    // from one), each with whether the value is it, or one of its elements, unchanged.
    private static IReadOnlyList<(IParameterSymbol, bool)> ParametersIn(IOperation value, IMethodSymbol method, IOperation body)
    {
        var found = new Dictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);
        var visited = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        Visit(value, unchanged: true);
        return [.. found.Select(p => (p.Key, p.Value))];

        void Visit(IOperation operation, bool unchanged)
        {
            operation = ResultPaths.Unwrap(operation);
            while (operation is IConversionOperation { Conversion.IsReference: true } cast) operation = ResultPaths.Unwrap(cast.Operand);
            switch (operation)
            {
                case IParameterReferenceOperation { Parameter: var parameter } when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method):
                    found[parameter.OriginalDefinition] = unchanged && (!found.TryGetValue(parameter.OriginalDefinition, out var before) || before);
                    return;
                case ILocalReferenceOperation { Local: var local }:
                    if (!visited.Add(local) || !MemberWrites.In(body).TryGetValue(local, out var writes)) return;
                    foreach (var write in writes)
                    {
                        var kept = write.Kind is MemberWrites.WriteKind.Assign or MemberWrites.WriteKind.ElementOf && !write.ThroughArguments;
                        Visit(write.Value is ICompoundAssignmentOperation compound ? compound.Value : write.Value, unchanged && kept);
                    }

                    return;
                default:
                    foreach (var child in operation.ChildOperations) Visit(child, unchanged: false);
                    return;
            }
        }
    }

    private IReadOnlyList<IOperation> FindWrites(ISymbol member, ISymbol type, bool initializers)
    {
        var values = new List<IOperation>();
        // Only bodies that assign something of that name are bound.
        foreach (var (_, operation) in BodiesOf((INamedTypeSymbol)type, b => b.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a => NameOf(a.Left) == member.Name)))
        {
            if (!MemberWrites.In(operation).TryGetValue(member, out var writes)) continue;
            values.AddRange(ValuesGiven(writes));
        }

        // Its own initializer (`private readonly Lazy<string> _summary = new(() => Summarize(text));`).
        if (initializers) values.AddRange(InitialValuesOf(member));

        return values;
    }

    // The values a member is set to (`X = v`, `X += v`), not what is added to the object it holds.
    private static IEnumerable<IOperation> ValuesGiven(IEnumerable<MemberWrites.Write> writes) =>
        writes.Where(w => w.Kind is MemberWrites.WriteKind.Assign or MemberWrites.WriteKind.Transform && !w.ThroughArguments)
            .Select(w => w.Value is ICompoundAssignmentOperation compound ? compound.Value : w.Value);

    private IReadOnlyList<IOperation> FindReturns(IMethodSymbol method)
    {
        if (method.ReturnsVoid || UntracedBody(method) is not { } body) return [];
        return [.. ResultPaths.ReturnsIn(body).Where(r => r.Kind == OperationKind.Return).Select(r => r.ReturnedValue!)];
    }

    private IReadOnlyList<IOperation> FindYields(IMethodSymbol method)
    {
        if (method.ReturnsVoid || UntracedBody(method) is not { } body) return [];
        return [.. ResultPaths.ReturnsIn(body).Where(r => r.Kind == OperationKind.YieldReturn).Select(r => r.ReturnedValue!)];
    }

    // The bodies of a type's members (not of nested types): methods, constructors, operators, accessors.
    private static IEnumerable<SyntaxNode> Bodies(TypeDeclarationSyntax type) =>
        type.Members.SelectMany(m => m switch
        {
            BaseMethodDeclarationSyntax method => [method],
            BasePropertyDeclarationSyntax { AccessorList: { } accessors } => accessors.Accessors.Cast<SyntaxNode>(),
            _ => Array.Empty<SyntaxNode>(),
        });

    private sealed class SymbolPairs : IEqualityComparer<(ISymbol Type, ISymbol Member)>
    {
        public static readonly SymbolPairs Instance = new();

        public bool Equals((ISymbol Type, ISymbol Member) x, (ISymbol Type, ISymbol Member) y) =>
            SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && SymbolEqualityComparer.Default.Equals(x.Member, y.Member);

        public int GetHashCode((ISymbol Type, ISymbol Member) pair) =>
            (SymbolEqualityComparer.Default.GetHashCode(pair.Type) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(pair.Member);
    }

    private static string NameOf(ExpressionSyntax target) => target switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => "",
    };
}
