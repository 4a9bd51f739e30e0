using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Model;

namespace Opto.Generators.Parsing;

/// <summary>
/// Reads a traced method's declaration: its doc summary, and the trainable members its body reads on
/// <c>this</c> or statically, directly or through untraced helper methods and properties of the same object.
/// </summary>
internal static class TracedMethodParser
{
    /// <summary>
    /// Every traced or trainable method of the compilation, ordered by key. The declarations are found by their
    /// attributes' names (every attributed method when an alias is in scope), then read in parallel when the compilation
    /// allows a concurrent build: each method's reading binds its own body and is independent of the others'.
    /// </summary>
    public static EquatableArray<TracedMethodSpec> ParseAll(Compilation compilation, CancellationToken cancellationToken)
    {
        var declarations = new List<MethodDeclarationSyntax>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var aliases = AttributeNames.AliasesInScope(tree, compilation, cancellationToken);
            declarations.AddRange(AttributeNames.TracingCandidates(tree.GetRoot(cancellationToken), aliases));
        }

        var specs = new TracedMethodSpec?[declarations.Count];
        var memberNames = declarations.Count == 0 ? [] : MemberNames.Of(compilation, cancellationToken);
        var shared = SemanticModels.ForMethods(compilation);
        Concurrently.For(compilation, declarations.Count, i =>
        {
            var declaration = declarations[i];
            var models = shared.ForDeclaration(declaration);
            if (models(declaration).GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol method && method.IsTracedMethod())
            {
                specs[i] = Parse(method, declaration, models, memberNames, compilation, cancellationToken);
            }
        }, cancellationToken);

        SemanticModels.Release(compilation);
        return specs.OfType<TracedMethodSpec>().GroupBy(m => m.Key).Select(g => g.First()).OrderBy(m => m.Key, System.StringComparer.Ordinal).ToEquatableArray();
    }

    private static TracedMethodSpec? Parse(
        IMethodSymbol method, MethodDeclarationSyntax declaration, System.Func<SyntaxNode, SemanticModel> models, HashSet<string> memberNames, Compilation compilation, CancellationToken cancellationToken)
    {
        if (method.GetDocumentationCommentId() is not { } key) return null;
        var walker = new DependencyWalker(compilation, models, memberNames, cancellationToken);
        var dependencies = walker.Walk(method);
        // A trainable method's result depends on its own code.
        if (CodeShape.IsSwappable(method, compilation))
        {
            dependencies.Insert(0, new DependencySpec(method.ContainingType.Qualified(), method.Name));
            walker.Context.Add(method.ContainingType);
        }

        return new TracedMethodSpec(key, DocSummary.Of(method, declaration), dependencies.ToEquatableArray(), walker.Context.ToSpec(),
            NestedCalls.CannotCallTracedCode(method, compilation, cancellationToken, models));
    }

    /// <param name="memberNames">The names a dependency can have (<see cref="MemberNames"/>): other names are not bound.</param>
    private sealed class DependencyWalker(Compilation compilation, System.Func<SyntaxNode, SemanticModel> models, HashSet<string> memberNames, CancellationToken cancellationToken)
    {
        private readonly HelperVisits _visits = new();
        private IMethodSymbol _method = null!;
        private readonly List<DependencySpec> _found = [];
        private readonly List<IMethodSymbol> _overrides = [];

        // While an override is read: its class, the only receivers it runs on (null while the method's own code is read).
        private INamedTypeSymbol? _overrideClass;

        /// <summary>What the registration needs to name the dependencies' declaring types.</summary>
        public ContextCollector Context { get; } = new();

        public List<DependencySpec> Walk(IMethodSymbol method)
        {
            _method = method;
            Visit(method);
            // Overrides last: a helper both the method and an override use is read as the method's, for every receiver.
            for (var i = 0; i < _overrides.Count; i++)
            {
                _overrideClass = _overrides[i].ContainingType;
                Visit(_overrides[i]);
            }

            return _found.Distinct().OrderBy(d => d.DeclaringType, System.StringComparer.Ordinal).ThenBy(d => d.MemberName, System.StringComparer.Ordinal).ToList();
        }

        // A partial method's body is in its implementation part.
        private static ISymbol WithBody(ISymbol member) => member is IMethodSymbol method ? method.PartialImplementationPart ?? method : member;

        // Read once, without arguments: what it reads through this object or statically.
        private void Visit(ISymbol member)
        {
            member = WithBody(member);
            if (!_visits.EnterWithoutArguments(member)) return;
            VisitBody(member, null, 0);
            VisitOverrides(member);
        }

        // A virtual or abstract helper of the receiver may run as an override of a derived class: what each override in the
        // project reads on the receiver counts too (a dependency on a derived class's member is resolved only on such an object).
        private void VisitOverrides(ISymbol member)
        {
            if (member is not IMethodSymbol method) return;
            foreach (var body in ImplementedMembers.BodiesInProject(method, compilation))
            {
                if (!body.IsTracedMethod() && body.ContainingType.IsNameableFrom(compilation) && !_overrides.Contains(body, SymbolEqualityComparer.Default)) _overrides.Add(body);
            }
        }

        // A member read on the receiver: in an override, only on receivers of the override's class (a sibling class does not run it).
        private DependencySpec OnReceiver(ISymbol member)
        {
            if (_overrideClass is null || member.IsStatic) return new DependencySpec(member.ContainingType.Qualified(), member.Name);
            Context.Add(_overrideClass);
            return new DependencySpec(member.ContainingType.Qualified(), member.Name, Path: new AccessPathSpec(null, HolderParser.Key(_overrideClass), EquatableArray<PathStepSpec>.Empty));
        }

        private void VisitBody(ISymbol member, HelperArguments? arguments, int depth)
        {
            foreach (var reference in member.OriginalDefinition.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                var model = models(syntax);
                foreach (var name in syntax.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // Binding a name costs binding its statement: most names of a body (locals, parameters, types, library
                    // members) cannot be a dependency, which their text alone says.
                    if (!memberNames.Contains(name.Identifier.ValueText) || NamedOrSetOnly(name, model)) continue;
                    var receiver = ReceiverOf(name);
                    var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                    if (receiver != Receiver.This && symbol is not null && ImplementedMembers.MayReadTrainable(symbol, compilation))
                    {
                        // A trainable member of another object: a dependency if the object can be reached again at completion.
                        if (Through(name, symbol, model, arguments, receiver) is { } dependency) _found.Add(dependency);
                        continue;
                    }

                    if (receiver == Receiver.Pattern) continue;

                    // An extension method is a static helper whatever it is called on: its receiver is its first argument. So is an
                    // extension block's member, whose receiver is the block's parameter.
                    if (symbol is IMethodSymbol { ReducedFrom: { } extension })
                    {
                        if (IsHelper(extension)) VisitHelper(extension, name, model, arguments, depth);
                        continue;
                    }

                    if (symbol is IMethodSymbol blockMember && ExtensionMembers.Receiver(blockMember) is not null)
                    {
                        if (blockMember is { MethodKind: MethodKind.Ordinary, DeclaringSyntaxReferences.Length: > 0 } && !blockMember.IsTracedMethod()) VisitHelper(blockMember, name, model, arguments, depth);
                        continue;
                    }

                    if (receiver == Receiver.Other) continue;
                    if (symbol is null || (receiver == Receiver.TypeOrOther && !symbol.IsStatic)) continue;
                    switch (symbol)
                    {
                        case IFieldSymbol or IPropertySymbol when symbol.HasAttribute(Symbols.TrainableAttribute):
                            if (symbol.ContainingType.IsNameableFrom(compilation))
                            {
                                _found.Add(OnReceiver(symbol));
                                Context.Add(symbol.ContainingType);
                            }

                            break;
                        case IFieldSymbol or IPropertySymbol when NodeReads.Of(symbol, compilation) is { } nodes:
                            _found.Add(new DependencySpec(symbol.ContainingType.Qualified(), symbol.Name, nodes));
                            break;
                        case IParameterSymbol captured when NodeReads.OfCapturedParameter(captured, compilation) is { } nodes:
                            _found.Add(new DependencySpec(captured.ContainingType.Qualified(), captured.Name, nodes));
                            break;
                        case IPropertySymbol property when ImplementedMembers.MayRunTrainable(property, compilation):
                            // The receiver's class decides which property runs; a trainable one answers to this read.
                            _found.Add(OnReceiver(property));
                            Context.Add(property.ContainingType);
                            if (SameObject(property) && property.GetMethod is { } overridable) Visit(overridable);
                            else if (property.GetMethod is { } externalGetter) VisitOverrides(externalGetter);
                            break;
                        case IPropertySymbol { IsIndexer: false } property when SameObject(property):
                            if (property.GetMethod is { } getter) Visit(getter);
                            break;
                        case IMethodSymbol helper when IsHelper(helper):
                            VisitHelper(helper, name, model, arguments, depth);
                            break;
                    }
                }
            }

            // A traced helper records its own node with its own dependencies.
            // A local function is not one: its body is part of the body that declares it, read with it.
            bool IsHelper(IMethodSymbol helper) => helper.MethodKind == MethodKind.Ordinary && SameObject(helper) && !helper.IsTracedMethod();

            bool SameObject(ISymbol symbol) =>
                symbol.DeclaringSyntaxReferences.Length > 0 && (symbol.IsStatic || AccessPaths.IsSameOrBase(member.ContainingType, symbol.ContainingType));
        }

        // A helper given arguments may read trainable members through them: it is read with what this call passes.
        private void VisitHelper(IMethodSymbol helper, SimpleNameSyntax name, SemanticModel model, HelperArguments? arguments, int depth)
        {
            if ((helper.Parameters.Length > 0 || ExtensionMembers.Receiver(helper) is not null) && InvocationOf(name) is { } invocation && model.GetOperation(invocation, cancellationToken) is IInvocationOperation call)
            {
                var passed = HelperArguments.Of(call, arguments);
                var body = (IMethodSymbol)WithBody(helper);
                switch (_visits.Enter(passed, body, depth + 1))
                {
                    case HelperVisits.Reading.WithArguments:
                        try
                        {
                            VisitBody(body, passed, depth + 1);
                        }
                        finally
                        {
                            _visits.Leave(body);
                        }

                        VisitOverrides(body);
                        return;
                    case HelperVisits.Reading.WithoutArguments:
                        Visit(helper);
                        return;
                    default:
                        return;
                }
            }

            Visit(helper);
        }

        private static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name) => name.Parent switch
        {
            InvocationExpressionSyntax invocation when invocation.Expression == name => invocation,
            MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } access when access.Name == name && invocation.Expression == access => invocation,
            MemberBindingExpressionSyntax { Parent: InvocationExpressionSyntax invocation } binding when invocation.Expression == binding => invocation,
            _ => null,
        };

        // `nameof(_book.Prompt)` names the member, and `_book.Prompt = text` only sets it: neither reads its value.
        private bool NamedOrSetOnly(SimpleNameSyntax name, SemanticModel model)
        {
            SyntaxNode written = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            if (written.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == written) return true;
            foreach (var invocation in name.Ancestors().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } && model.GetOperation(invocation, cancellationToken) is INameOfOperation) return true;
            }

            return false;
        }

        private DependencySpec? Through(SimpleNameSyntax name, ISymbol member, SemanticModel model, HelperArguments? arguments, Receiver receiver)
        {
            var access = receiver != Receiver.Pattern && name.Parent is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax ? name.Parent : name;
            if (model.GetOperation(access, cancellationToken) is not Microsoft.CodeAnalysis.Operations.IMemberReferenceOperation reference) return null;
            if (!member.ContainingType.IsNameableFrom(compilation)) return null;
            if (AccessPaths.Resolve(reference.Instance, _method, compilation, out _, arguments) is not { } path) return null;
            // A read on `this` written as `this.x` inside a conditional access or parentheses is the receiver's own member.
            if (path.Argument is null && path.Steps.Count == 0) return OnReceiver(member);
            Context.Add(member.ContainingType);
            var spec = AccessPathSpecs.Of(path, symbol => Context.Add(symbol));
            // From the receiver in an override: only on receivers of the override's class.
            if (_overrideClass is not null && path.Argument is null && !path.Steps[0].IsStatic)
            {
                Context.Add(_overrideClass);
                spec = spec with { RootType = HolderParser.Key(_overrideClass) };
            }

            return new DependencySpec(member.ContainingType.Qualified(), member.Name, Path: spec);
        }

        private enum Receiver
        {
            /// <summary><c>Prompt</c>, <c>this.Prompt</c>, <c>base.Prompt</c>: a member of the traced call's receiver.</summary>
            This,

            /// <summary><c>Type.Prompt</c> or <c>other.Prompt</c>: counts only when the member is static.</summary>
            TypeOrOther,

            /// <summary><c>GetAgent().Prompt</c>, <c>other?.Prompt</c>: never the receiver's.</summary>
            Other,

            /// <summary><c>{ Prompt: var p }</c>, <c>{ Book.Prompt: ... }</c>: read on the value a property pattern matches.</summary>
            Pattern,
        }

        // The first member a property pattern names (`Prompt` in `{ Prompt: ... }` and in `{ Prompt.Length: > 0 }`).
        private static bool IsPatternMember(SimpleNameSyntax name)
        {
            SyntaxNode current = name;
            while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current) current = access;
            return current.Parent is BaseExpressionColonSyntax { Parent: SubpatternSyntax } colon && colon.Expression == current;
        }

        private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression) =>
            expression is ParenthesizedExpressionSyntax parenthesized ? Unparenthesized(parenthesized.Expression) : expression;

        private static Receiver ReceiverOf(SimpleNameSyntax name) => IsPatternMember(name) ? Receiver.Pattern : name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => Unparenthesized(access.Expression) switch
            {
                ThisExpressionSyntax or BaseExpressionSyntax => Receiver.This,
                IdentifierNameSyntax or GenericNameSyntax or QualifiedNameSyntax or MemberAccessExpressionSyntax or AliasQualifiedNameSyntax => Receiver.TypeOrOther,
                _ => Receiver.Other,
            },
            MemberBindingExpressionSyntax => Receiver.Other,
            QualifiedNameSyntax => Receiver.TypeOrOther,
            _ => Receiver.This,
        };
    }
}
