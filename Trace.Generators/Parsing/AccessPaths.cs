using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// How a traced call reaches the object whose <c>[Trainable]</c> member its body reads, when that object is not the
/// call's receiver: a chain of fields and auto-properties from the receiver (<c>_book.Instruction</c>,
/// <c>Settings.Prompts.Greeting</c>), from one of the call's arguments (<c>request.Book.Instruction</c>) or from a static
/// member (<c>Prompts.Default.Greeting</c>). Only reads that run no user code are followed: fields, auto-properties,
/// <c>IOptions&lt;T&gt;.Value</c>, which returns the instance it cached when the body read it, and
/// <c>IOptionsMonitor&lt;T&gt;.CurrentValue</c>, which returns the one it cached for the current configuration.
/// </summary>
/// <remarks>Shared by the generator, which records the path, and the analyzer, which reports what cannot be followed.</remarks>
internal static class AccessPaths
{
    /// <summary>A path: its root (the receiver, an argument, or nothing for a static first step) and its members in order.</summary>
    /// <param name="argument">The traced method's parameter the path starts from, or null.</param>
    /// <param name="steps">The members read, from the root to the object that declares the trainable member.</param>
    /// <param name="local">The local nearest the read that the path was followed through (<c>var o = _options.Value;</c>), or null.</param>
    /// <param name="stepsBeforeLocal">How many of the first steps were read where that local was set.</param>
    /// <param name="elements">Whether the path leads to a collection whose elements each lead to the member.</param>
    /// <param name="stepsAfterElement">How many of the last steps lead from an element to the object that declares the member.</param>
    /// <param name="elementType">The elements' type, when <paramref name="elements"/>.</param>
    internal sealed class Path(
        IParameterSymbol? argument, IReadOnlyList<Step> steps, ILocalSymbol? local = null, int stepsBeforeLocal = 0, bool elements = false, int stepsAfterElement = 0,
        ITypeSymbol? elementType = null)
    {
        public IParameterSymbol? Argument { get; } = argument;

        public IReadOnlyList<Step> Steps { get; } = steps;

        /// <summary>
        /// A local the path goes through: the members before it were read where the local was set, not where the trainable
        /// member is read.
        /// </summary>
        public ILocalSymbol? Local { get; } = local;

        /// <summary>The steps read where <see cref="Local"/> was set, from the root.</summary>
        public IEnumerable<Step> StepsBeforeLocal => Steps.Take(stepsBeforeLocal);

        /// <summary>
        /// Whether the member is read on elements of the collection the path leads to (<c>foreach (var t in _tools)</c>,
        /// <c>_tools.Select(t =&gt; t.Description)</c>): it is then read on each of them.
        /// </summary>
        public bool Elements { get; } = elements;

        /// <summary>The steps from the collection's root to the collection, when <see cref="Elements"/>; otherwise all of them.</summary>
        public IReadOnlyList<Step> CollectionSteps => [.. Steps.Take(Steps.Count - stepsAfterElement)];

        /// <summary>The steps from an element to the object that declares the member (<c>s =&gt; s.Book</c>), often none.</summary>
        public IReadOnlyList<Step> ElementSteps => [.. Steps.Skip(Steps.Count - stepsAfterElement)];

        /// <summary>The elements' type, when <see cref="Elements"/>.</summary>
        public ITypeSymbol? ElementType { get; } = elementType;
    }

    /// <summary>One read: a field, an auto-property, a captured primary-constructor parameter, or <c>IOptions&lt;T&gt;.Value</c>.</summary>
    /// <param name="member">The field or property (for a captured parameter, the parameter).</param>
    /// <param name="container">The type of the object read from (the declaring type, constructed).</param>
    /// <param name="type">The member's type.</param>
    /// <param name="metadataName">The field's metadata name (<c>&lt;X&gt;k__BackingField</c>, <c>&lt;p&gt;P</c>), or the property's name.</param>
    /// <param name="direct">Whether generated code can name the member (<c>o.Member</c>); otherwise it reads the field through an <c>UnsafeAccessor</c>.</param>
    internal sealed class Step(ISymbol member, INamedTypeSymbol container, ITypeSymbol type, string metadataName, bool direct, bool isStatic)
    {
        public ISymbol Member { get; } = member;

        public INamedTypeSymbol Container { get; } = container;

        public ITypeSymbol Type { get; } = type;

        public string MetadataName { get; } = metadataName;

        public bool Direct { get; } = direct;

        public bool IsStatic { get; } = isStatic;
    }

    /// <summary>
    /// Follows <paramref name="instance"/> (the object a trainable member is read on) back to a root of the traced call
    /// <paramref name="method"/>. Returns the path, or null with the reason it cannot be followed.
    /// </summary>
    /// <param name="helperArguments">When the read is in a helper the traced body calls: what the helper was called with.</param>
    /// <param name="readAtCompletion">
    /// Whether the path is read again when the traced call completes (a traced body's read), rather than as the call starts
    /// (glue's, whose own rules decide what may change before the call).
    /// </param>
    public static Path? Resolve(IOperation? instance, IMethodSymbol method, Compilation compilation, out string? reason, HelperArguments? helperArguments = null, bool readAtCompletion = true)
    {
        var path = Follow(instance, method, compilation, out reason, out var throughLocal, helperArguments);
        if (path is null && throughLocal is not null) reason = $"it is read through the local '{throughLocal.Name}', whose value the compiler cannot follow: {reason}";
        if (path is not null && instance is not null && ChangedBeforeCompletion(path, instance.Syntax, readAtCompletion) is { } changed)
        {
            reason = changed;
            return null;
        }

        return path;
    }

    // The path is read again at completion. A local holds the object read where it was set, and a loop or a lambda the
    // elements of the collection as it was then: a member of the path before them that the method assigns anywhere would lead
    // elsewhere. Read directly, only an assignment that may run after the read does (`Complete(_current.Prompt); _current =
    // _next;`); glue reads its paths as the call starts, and its own rules decide what may change before.
    private static string? ChangedBeforeCompletion(Path path, SyntaxNode read, bool readAtCompletion)
    {
        var direct = path.Local is null && !path.Elements;
        if (direct && !readAtCompletion) return null;
        var held = path.Local is not null ? path.StepsBeforeLocal : path.CollectionSteps;
        if (EnclosingMember(read) is not { } member || held.FirstOrDefault(s => AssignsMemberIn(member, s.Member.Name, direct ? read : null)) is not { } assigned) return null;
        if (direct) return $"it is reached through '{assigned.Member.Name}', which the method assigns after this read: when the call completes it may hold another object";
        return path.Local is { } local
            ? $"it is read through the local '{local.Name}', set from '{assigned.Member.Name}', which the method assigns: when the call completes it may hold another object"
            : $"it is read on the elements of a collection reached through '{assigned.Member.Name}', which the method assigns: when the call completes it may hold another collection";
    }

    private static Path? Follow(IOperation? instance, IMethodSymbol method, Compilation compilation, out string? reason, out ILocalSymbol? throughLocal, HelperArguments? helperArguments)
    {
        var steps = new List<Step>();
        IParameterSymbol? argument = null;
        throughLocal = null;
        var afterLocal = 0;
        var elements = false;
        var afterElement = 0;
        ITypeSymbol? elementType = null;
        reason = null;
        var current = instance;
        while (true)
        {
            switch (current)
            {
                case null:
                    reason = "it is reached through an expression the compiler cannot follow";
                    return null;
                case IConversionOperation { IsImplicit: true, OperatorMethod: null } conversion:
                    current = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    continue;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput } input:
                    // `_book is { Instruction: var text }`: the member is read on the value the pattern matches.
                    if (PatternInput(input, out reason) is not { } matched) return null;
                    current = matched;
                    continue;
                case IInstanceReferenceOperation when CollectionNext():
                    reason = "it is an element of the object itself";
                    return null;
                case IInstanceReferenceOperation:
                    steps.Reverse();
                    return new Path(null, steps, throughLocal, steps.Count - afterLocal, elements, afterElement, elementType);
                case IConditionalAccessInstanceOperation:
                    current = ConditionalTarget(current);
                    continue;
                case IParameterReferenceOperation { Parameter: var parameter } when IsReassigned(parameter):
                    reason = parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor && !IsParameterOf(parameter, method)
                        ? $"the primary-constructor parameter '{parameter.Name}' is assigned in '{constructor.ContainingType.Name}', so it may hold another object"
                        : $"the parameter '{parameter.Name}' is assigned in the method, so it may not be the object passed";
                    return null;
                case IParameterReferenceOperation or ILocalReferenceOperation when ElementSources.Of(current) is { } source:
                    if (elements)
                    {
                        reason = "it is an element of an element of a collection";
                        return null;
                    }

                    (elements, afterElement, elementType, current) = (true, steps.Count, current.Type, source);
                    continue;
                case IParameterReferenceOperation { Parameter: var parameter }:
                    if (IsParameterOf(parameter, method))
                    {
                        if (!IsHeld(parameter.Type, CollectionNext()) || !parameter.Type.IsNameableFrom(compilation) || parameter.Type.IsNode())
                        {
                            reason = $"the argument '{parameter.Name}' is not an object the call can keep";
                            return null;
                        }

                        argument = parameter;
                        steps.Reverse();
                        return new Path(argument, steps, throughLocal, steps.Count - afterLocal, elements, afterElement, elementType);
                    }

                    if (helperArguments?.ValueOf(parameter) is { } passed)
                    {
                        // A helper's parameter: follow what its caller passed, in the caller's scope.
                        current = passed.Value;
                        helperArguments = passed.Scope;
                        continue;
                    }

                    if (CapturedStep(parameter, compilation, CollectionNext()) is { } captured)
                    {
                        steps.Add(captured);
                        steps.Reverse();
                        return new Path(null, steps, throughLocal, steps.Count - afterLocal, elements, afterElement, elementType);
                    }

                    reason = parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction }
                        ? $"'{parameter.Name}' is a parameter of a lambda or local function"
                        : $"'{parameter.Name}' is not a parameter of the traced method";
                    return null;
                case IFieldReferenceOperation { Field: var field } reference:
                    if (FieldStep(field, compilation, CollectionNext(), out reason) is not { } fieldStep) return null;
                    steps.Add(fieldStep);
                    if (field.IsStatic)
                    {
                        steps.Reverse();
                        return new Path(null, steps, throughLocal, steps.Count - afterLocal, elements, afterElement, elementType);
                    }

                    current = reference.Instance;
                    continue;
                case IPropertyReferenceOperation { Instance: { } dictionary } values when CollectionNext() && ElementSources.IsDictionaryValues(values.Property):
                    // `_experts.Values`: the runtime reads a dictionary's values itself.
                    current = dictionary;
                    continue;
                case IPropertyReferenceOperation { Property: var property } reference:
                    if (PropertyStep(property, compilation, CollectionNext(), out reason) is not { } propertyStep) return null;
                    steps.Add(propertyStep);
                    if (property.IsStatic)
                    {
                        steps.Reverse();
                        return new Path(null, steps, throughLocal, steps.Count - afterLocal, elements, afterElement, elementType);
                    }

                    current = reference.Instance;
                    continue;
                case ILocalReferenceOperation local:
                    if (SingleValue(local, out var problem) is not { } value)
                    {
                        reason = $"it is read through the local '{local.Local.Name}'{problem}";
                        // Named here already.
                        throughLocal = null;
                        return null;
                    }

                    // Set once, where it is declared: the object is the one its initializer reads, found again through that path.
                    if (throughLocal is null)
                    {
                        throughLocal = local.Local;
                        afterLocal = steps.Count;
                    }

                    current = value;
                    continue;
                case IInvocationOperation:
                    reason = "it is returned by a method call";
                    return null;
                case IArrayElementReferenceOperation or IInlineArrayAccessOperation:
                    reason = "it is an element of a collection";
                    return null;
                default:
                    reason = "it is reached through an expression the compiler cannot follow";
                    return null;
            }
        }

        // The next step read is the collection whose elements the name stands for.
        bool CollectionNext() => elements && steps.Count == afterElement;
    }

    // The member whose code holds the node, its lambdas and local functions included.
    private static SyntaxNode? EnclosingMember(SyntaxNode node)
    {
        var member = node.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or CompilationUnitSyntax);
        // Top-level statements are one method made of every global statement of the file.
        return member is GlobalStatementSyntax ? member.Parent : member;
    }

    // The value a local holds wherever it is read: the initializer of a local declared with one and never assigned, passed
    // by reference or made a reference to, anywhere in the member that declares it (its lambdas and local functions
    // included). Otherwise null, and why (to follow the local's name in a reason).
    private static IOperation? SingleValue(ILocalReferenceOperation reference, out string problem)
    {
        problem = "";
        var local = reference.Local;
        if (local.IsRef)
        {
            problem = ", which is a reference to another variable";
            return null;
        }

        if (local.IsConst || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer: not null } declarator
            || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax)
        {
            problem = ", which is not set where it is declared";
            return null;
        }

        if (EnclosingMember(declarator) is not { } owner || AssignsIn(owner, local.Name, includingReferences: true))
        {
            problem = ", which is assigned after it is declared";
            return null;
        }

        // The declarator's initializer holds the conversion to the local's type (`Book b = wrapper;` may call an operator).
        if (reference.SemanticModel?.GetOperation(declarator) is not IVariableDeclaratorOperation declared
            || (declared.Initializer ?? (declared.Parent as IVariableDeclarationOperation)?.Initializer)?.Value is not { } value)
        {
            problem = ", which is set by an expression the compiler cannot follow";
            return null;
        }

        return value;
    }

    /// <summary>Whether the member is an instance <c>[Trainable]</c> field or property whose owner can be a parameter (a class).</summary>
    public static bool IsTrainableInstanceMember(ISymbol symbol) =>
        symbol is IFieldSymbol or IPropertySymbol && !symbol.IsStatic && symbol.HasAttribute(Symbols.TrainableAttribute) &&
        symbol.ContainingType.TypeKind == TypeKind.Class;

    /// <summary>
    /// Whether a method assigns its parameter (or passes it by <c>ref</c> or <c>out</c>): then what it reads through it
    /// may be another object than the one passed, and the path from the argument would lead to the wrong one. Read from
    /// the syntax, so a lambda's parameter of the same name counts too: that only reports more.
    /// </summary>
    public static bool IsReassigned(IParameterSymbol parameter)
    {
        // An extension block's receiver may be assigned by any member of the block, and a primary constructor's parameter by
        // any member of any part of its type.
        var references = parameter.ContainingSymbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor when constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax) =>
                constructor.ContainingType.DeclaringSyntaxReferences,
            IMethodSymbol method => (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences,
            INamedTypeSymbol { TypeKind: TypeKind.Extension } block => block.DeclaringSyntaxReferences,
            _ => default,
        };
        if (references.IsDefaultOrEmpty) return false;
        return references.Any(reference => AssignsIn(reference.GetSyntax(), parameter.Name, includingReferences: false));
    }

    // Whether code under the node assigns the name, passes it by `ref` or `out`, or increments or decrements it; with
    // `includingReferences`, also makes a reference to it (`ref x`, `__makeref(x)`), through which it could be assigned.
    private static bool AssignsIn(SyntaxNode root, string name, bool includingReferences) =>
        Targets(root, includingReferences).Any(target => Assigns(target, name));

    // The same for a member, on any object (`Cur = x`, `this.Cur = x`, `_holder.Cur = x`, `h?.Cur = x`); with `after`, only
    // where the assignment may run after that node: later in the text, in a loop around both, or in a lambda or local function.
    private static bool AssignsMemberIn(SyntaxNode root, string name, SyntaxNode? after) =>
        Targets(root, includingReferences: true).Any(target => AssignsMember(target, name) && (after is null || MayRunAfter(target, after, root)));

    private static bool MayRunAfter(SyntaxNode target, SyntaxNode read, SyntaxNode root)
    {
        if (target.SpanStart > read.SpanStart) return true;
        foreach (var ancestor in target.Ancestors())
        {
            if (ancestor == root) return false;
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return true;
                case ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax when ancestor.Span.Contains(read.Span):
                    return true;
            }
        }

        return false;
    }

    private static bool AssignsMember(ExpressionSyntax target, string name) => target switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText == name,
        ConditionalAccessExpressionSyntax conditional => AssignsMember(conditional.WhenNotNull, name),
        ParenthesizedExpressionSyntax parenthesized => AssignsMember(parenthesized.Expression, name),
        TupleExpressionSyntax tuple => tuple.Arguments.Any(a => AssignsMember(a.Expression, name)),
        _ => Assigns(target, name),
    };

    private static IEnumerable<ExpressionSyntax> Targets(SyntaxNode root, bool includingReferences)
    {
        foreach (var node in root.DescendantNodes())
        {
            var target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => argument.Expression,
                PrefixUnaryExpressionSyntax prefix when prefix.Kind() is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression => prefix.Operand,
                PostfixUnaryExpressionSyntax postfix when postfix.Kind() is SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression => postfix.Operand,
                RefExpressionSyntax reference when includingReferences => reference.Expression,
                MakeRefExpressionSyntax reference when includingReferences => reference.Expression,
                _ => null,
            };
            if (target is not null) yield return target;
        }
    }

    // The name itself, or one of the places a deconstruction (`(a, b) = ...`) assigns.
    private static bool Assigns(ExpressionSyntax target, string name) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        ParenthesizedExpressionSyntax parenthesized => Assigns(parenthesized.Expression, name),
        TupleExpressionSyntax tuple => tuple.Arguments.Any(a => Assigns(a.Expression, name)),
        _ => false,
    };

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="type"/> or one of its base classes.</summary>
    /// <summary>
    /// The value a property pattern reads its member on (<c>_book</c> in <c>_book is { Instruction: var text }</c>, a
    /// <c>switch</c>'s value, or the member an enclosing property pattern reads), or null with why it is not followed: a
    /// pattern that tests the value's type (<c>item is Book { Instruction: var text }</c>) reads the member only on some objects.
    /// </summary>
    public static IOperation? PatternInput(IInstanceReferenceOperation input, out string? reason)
    {
        reason = "it is read by a pattern the compiler cannot follow";
        IOperation? current = input.Parent;
        // `{ Book.Instruction: ... }`: the first member of an extended property pattern is read on the input.
        while (current is IMemberReferenceOperation) current = current.Parent;
        if (current is not IPropertySubpatternOperation { Parent: IRecursivePatternOperation pattern }) return null;
        if (pattern.MatchedType is INamedTypeSymbol matched && pattern.InputType is INamedTypeSymbol tested && !IsSameOrBase(tested, matched)
            && !tested.AllInterfaces.Contains(matched, SymbolEqualityComparer.Default))
        {
            reason = $"it is read by a pattern that tests the object's type ('{matched.Name} {{ ... }}'), which the compiler does not follow; read it on a variable of that type";
            return null;
        }

        current = pattern;
        while (current.Parent is INegatedPatternOperation or IBinaryPatternOperation) current = current.Parent;
        // `_shelf?.Book is { Instruction: var text }`: the pattern matches the member read when the object is there.
        return current.Parent is IIsPatternOperation { Value: IConditionalAccessOperation access } ? access.WhenNotNull : ValueMatchedBy(current);
    }

    /// <summary>
    /// The value <paramref name="pattern"/> is matched against: an <c>is</c>'s or a <c>switch</c>'s value, or the member an
    /// enclosing property pattern reads (<c>{ Book: { ... } }</c>); null for a pattern inside another kind of pattern.
    /// </summary>
    public static IOperation? ValueMatchedBy(IOperation pattern) => pattern.Parent switch
    {
        IIsPatternOperation matchedBy => matchedBy.Value,
        ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation choice } => choice.Value,
        IPatternCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation choice } } => choice.Value,
        IPropertySubpatternOperation { Member: var outer } => outer,
        _ => null,
    };

    public static bool IsSameOrBase(INamedTypeSymbol type, INamedTypeSymbol candidate)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, candidate.OriginalDefinition)) return true;
        }

        return false;
    }

    private static bool IsParameterOf(IParameterSymbol parameter, IMethodSymbol method)
    {
        var owner = parameter.ContainingSymbol.OriginalDefinition;
        // An extension block's receiver is a parameter of each of its instance members.
        if (ExtensionMembers.Receiver(method.OriginalDefinition) is { } receiver && SymbolEqualityComparer.Default.Equals(parameter.OriginalDefinition, receiver.OriginalDefinition)) return true;
        return SymbolEqualityComparer.Default.Equals(owner, method.OriginalDefinition) ||
               (method.PartialImplementationPart is { } implementation && SymbolEqualityComparer.Default.Equals(owner, implementation.OriginalDefinition)) ||
               (method.PartialDefinitionPart is { } definition && SymbolEqualityComparer.Default.Equals(owner, definition.OriginalDefinition));
    }

    /// <summary>`a?.B`: the object tested for null, the expression before the <c>?.</c> whose null-checked branch holds <paramref name="instance"/>.</summary>
    public static IOperation? ConditionalTarget(IOperation instance)
    {
        for (IOperation? child = instance, parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation access && ReferenceEquals(access.WhenNotNull, child)) return access.Operation;
        }

        return null;
    }

    // What a step can hold: an object, or, for the collection whose elements declare the member, a collection the runtime can
    // read without running code.
    private static bool IsHeld(ITypeSymbol type, bool collection) => collection ? ElementSources.IsReadable(type) : IsObject(type);

    private static string NotHeld(string member, bool collection) => collection
        ? $"'{member}' is not an array or a collection type of the framework's, whose elements the runtime reads without running code"
        : $"'{member}' is not a class or interface";

    // Classes and interfaces: objects with an identity that the path can lead through.
    private static bool IsObject(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Interface, SpecialType: SpecialType.None } named && !named.IsRefLikeType;

    private static string? ContainerProblem(INamedTypeSymbol container, bool direct, Compilation compilation)
    {
        if (container.TypeKind == TypeKind.Struct) return $"it is reached through the struct '{container.Name}', which is copied on each read";
        if (!container.IsNameableFrom(compilation)) return $"generated code cannot name the type '{container.Name}'";
        if (!direct && (container.IsGenericType || container.IsStatic)) return $"a private member of the {(container.IsStatic ? "static" : "generic")} type '{container.Name}' cannot be read by generated code";
        return null;
    }

    // A member read through an accessor is declared with its type, which generated code must be able to name.
    private static string? ValueTypeProblem(string member, ITypeSymbol type, bool direct, Compilation compilation) =>
        direct || type.IsNameableFrom(compilation) ? null : $"generated code cannot name the type '{type.Name}' of '{member}'";

    private static Step? FieldStep(IFieldSymbol field, Compilation compilation, bool collection, out string? reason)
    {
        reason = null;
        if (!IsHeld(field.Type, collection))
        {
            reason = NotHeld(field.Name, collection);
            return null;
        }

        var direct = ProjectAccess.Allows(field, compilation);
        if ((ContainerProblem(field.ContainingType, direct, compilation) ?? ValueTypeProblem(field.Name, field.Type, direct, compilation)) is { } problem)
        {
            reason = problem;
            return null;
        }

        var metadataName = field.AssociatedSymbol is IPropertySymbol property ? "<" + property.Name + ">k__BackingField" : field.MetadataName;
        return new Step(field, field.ContainingType, field.Type, metadataName, direct, field.IsStatic);
    }

    private static Step? PropertyStep(IPropertySymbol property, Compilation compilation, bool collection, out string? reason)
    {
        reason = null;
        if (property.IsIndexer)
        {
            reason = "it is an element of a collection";
            return null;
        }

        if (!IsHeld(property.Type, collection))
        {
            reason = NotHeld(property.Name, collection);
            return null;
        }

        if (IsOptionsValue(property))
        {
            if (ContainerProblem(property.ContainingType, direct: true, compilation) is { } optionsProblem)
            {
                reason = optionsProblem;
                return null;
            }

            return new Step(property, property.ContainingType, property.Type, property.Name, direct: true, isStatic: false);
        }

        var backing = property.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol?.OriginalDefinition, property.OriginalDefinition));
        if (backing is null || property.GetMethod is not { } getter)
        {
            reason = $"'{property.Name}' is a computed property, and reading it again could run code";
            return null;
        }

        // A plain `get;` runs nothing; a getter with a body (one using `field`) is bypassed by reading the backing field.
        var direct = IsAutoGetter(getter) && ProjectAccess.Allows(getter, compilation);
        if ((ContainerProblem(property.ContainingType, direct, compilation) ?? ValueTypeProblem(property.Name, property.Type, direct, compilation)) is { } problem)
        {
            reason = problem;
            return null;
        }

        return new Step(property, property.ContainingType, property.Type, direct ? property.Name : "<" + property.Name + ">k__BackingField", direct, property.IsStatic);
    }

    /// <summary>Whether a getter is the compiler's (<c>get;</c>, or a record's positional property's): it runs nothing.</summary>
    internal static bool IsAutoGetter(IMethodSymbol getter) =>
        getter.DeclaringSyntaxReferences.Length == 0 || getter.DeclaringSyntaxReferences.All(r => r.GetSyntax() switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax accessor => accessor.Body is null && accessor.ExpressionBody is null,
            _ => true, // a record's positional property
        });

    // `IOptions<T>.Value` (and so `IOptionsSnapshot<T>.Value`), and `IOptionsMonitor<T>.CurrentValue`: the options instance
    // the framework cached, read again as it was (a monitor gives the reloaded instance, if the configuration changed since).
    internal static bool IsOptionsValue(IPropertySymbol property) =>
        property.ContainingType.OriginalDefinition is { } options && options.ContainingNamespace.ToDisplayString() == "Microsoft.Extensions.Options"
        && (property.Name == "Value" && options.MetadataName == "IOptions`1" || property.Name == "CurrentValue" && options.MetadataName == "IOptionsMonitor`1");

    // A primary-constructor parameter read in a member: the compiler keeps it in the field `<name>P`.
    private static Step? CapturedStep(IParameterSymbol parameter, Compilation compilation, bool collection)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor) return null;
        if (!constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax)) return null;
        var type = constructor.ContainingType;
        if (type.TypeKind != TypeKind.Class || type.IsRecord || type.IsGenericType || !type.IsNameableFrom(compilation) || !IsHeld(parameter.Type, collection)) return null;
        return new Step(parameter, type, parameter.Type, "<" + parameter.Name + ">P", direct: false, isStatic: false);
    }
}
