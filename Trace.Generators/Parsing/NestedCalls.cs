using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// Whether a traced method provably makes no traced call while it runs, so the runtime need not track the calls nested
/// in it (which costs an async-context switch per call). Traced calls are recorded only by interceptors, and
/// interceptors exist only in assemblies that reference Opto: a body is a leaf when everything it runs is its own
/// plain operations, members of assemblies without interceptors that cannot call back into user code (every value
/// they receive is a primitive, a string or an enum), and auto-properties and fields. Anything else, and anything this
/// analysis does not recognize, counts as possibly calling traced code.
/// </summary>
internal static class NestedCalls
{
    private const int MaxHelperDepth = 4;

    /// <param name="modelOf">The semantic model to bind a member's body with, when the caller already binds with one; a new one otherwise.</param>
    public static bool CannotCallTracedCode(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken, System.Func<SyntaxNode, SemanticModel>? modelOf = null)
    {
        // The code actually run may differ from this body: an override, or replacement code written by a model.
        if (method.IsVirtual || method.IsOverride || method.IsAbstract || CodeShape.IsSwappable(method, compilation)) return false;
        return new Walker(compilation, cancellationToken, modelOf: modelOf).IsLeaf(method.PartialImplementationPart ?? method, 0);
    }

    /// <summary>
    /// The operations of <paramref name="function"/> that may run code of the user's besides traced calls (whose
    /// interceptors keep what a call does to the async context to themselves), in the order they are written; none when
    /// nothing can re-enter the function synchronously.
    /// </summary>
    /// <param name="function">The function's body.</param>
    /// <param name="symbol">The function itself: a call of it, direct or through helpers, is a re-entry.</param>
    /// <param name="compilation">The compilation.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public static IReadOnlyList<IOperation> UserCode(IOperation function, IMethodSymbol symbol, Compilation compilation, CancellationToken cancellationToken)
    {
        var walker = new Walker(compilation, cancellationToken, tracedCallsAllowed: true, reentered: symbol);
        return [.. function.DescendantsAndSelf().Where(o => !walker.IsInert(o, 0))];
    }

    private sealed class Walker(Compilation compilation, CancellationToken cancellationToken, bool tracedCallsAllowed = false, IMethodSymbol? reentered = null, System.Func<SyntaxNode, SemanticModel>? modelOf = null)
    {
        private readonly HashSet<ISymbol> _visited = new(SymbolEqualityComparer.Default);

        // A value typed by a collection interface (`IEnumerable<string> parts`) may be a lazy sequence whose enumeration runs
        // code of the user's, traced calls included (`docs.Select(d => Summarize(d))`, an iterator method): a body that
        // enumerates one given to it is no leaf. Where only re-entering the function matters, such a value made elsewhere is
        // taken for the framework's collection it almost always is; one made in the function is walked where it is made.
        private bool InterfacesHoldFrameworkCollections => tracedCallsAllowed;

        public bool IsLeaf(IMethodSymbol method, int depth)
        {
            if (!_visited.Add(method.OriginalDefinition)) return true; // recursion: judged where it started
            if (depth > MaxHelperDepth || method.DeclaringSyntaxReferences.Length != 1) return false;
            return WalkBody(method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken), depth);
        }

        private bool WalkBody(SyntaxNode syntax, int depth)
        {
            var model = modelOf?.Invoke(syntax) ?? compilation.GetSemanticModel(syntax.SyntaxTree);
            if (model.GetOperation(syntax, cancellationToken) is not { } body) return false;
            foreach (var operation in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsInert(operation, depth)) return false;
            }

            return true;
        }

        public bool IsInert(IOperation operation, int depth) => operation switch
        {
            IMethodBodyOperation or IBlockOperation or IReturnOperation or IExpressionStatementOperation or IEmptyOperation
                or IVariableDeclarationGroupOperation or IVariableDeclarationOperation or IVariableDeclaratorOperation or IVariableInitializerOperation
                or ILiteralOperation or IUtf8StringOperation or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation
                or IArrayElementReferenceOperation or IFieldInitializerOperation
                or IConditionalOperation or ICoalesceOperation or IConditionalAccessOperation or IConditionalAccessInstanceOperation
                or ITypeOfOperation or ISizeOfOperation or INameOfOperation or IDefaultValueOperation
                or IThrowOperation or IBranchOperation or ILabeledOperation or IWhileLoopOperation or IForLoopOperation
                or IDiscardOperation or IDeclarationExpressionOperation or IParenthesizedOperation
                or IInterpolatedStringTextOperation or IArrayInitializerOperation or IArgumentOperation
                or ISwitchOperation or ISwitchCaseOperation or ISingleValueCaseClauseOperation or IDefaultCaseClauseOperation or IRelationalCaseClauseOperation or IPatternCaseClauseOperation
                or IConstantPatternOperation or IRelationalPatternOperation or IDiscardPatternOperation
                or INegatedPatternOperation or IBinaryPatternOperation or IIsPatternOperation
                or ISwitchExpressionOperation or ISwitchExpressionArmOperation or ITryOperation or ICatchClauseOperation
                or ILocalFunctionOperation or ISimpleAssignmentOperation or IConstructorBodyOperation
                or IObjectOrCollectionInitializerOperation or IMemberInitializerOperation
                // A query expression runs the calls it is translated to, each walked on its own.
                or ITranslatedQueryOperation
                // Taking and releasing a lock runs the framework's code only (Monitor, or System.Threading.Lock).
                or ILockOperation => true,
            // Enumerating an array or one of the framework's collection classes calls nothing of its elements.
            IForEachLoopOperation loop => !loop.IsAsynchronous && (InertValue(loop.Collection) || EnumeratesItself(GlueFlow.Unwrap(loop.Collection).Type) && !TakesElementsApart(loop)),
            // Disposing an object of a library's runs library code; which Dispose runs is the object's own type's, not the declared one's.
            IUsingOperation { Resources: var resources } => resources is IVariableDeclarationGroupOperation group ? DisposesLibraryObjects(group) : DisposesLibraryObject(resources),
            IUsingDeclarationOperation { DeclarationGroup: var declared } => DisposesLibraryObjects(declared),
            // Making an array stores its elements, calling nothing of them (each is walked where it is written).
            IArrayCreationOperation => true,
            // `[a, b]` made into an array or a collection of the framework's stores its elements (walked on their own); a spread
            // enumerates its operand, which is walked as the operation it is.
            ICollectionExpressionOperation collection => collection.ConstructMethod is not { } construct || !InUserCode(construct) && (collection.Type is IArrayTypeSymbol || Inert(collection.Type)),
            ICompoundAssignmentOperation compound => compound.OperatorMethod is null && Inert(compound.Target.Type) && InertValue(compound.Value),
            IIncrementOrDecrementOperation increment => increment.OperatorMethod is null,
            // An operator the framework defines on its own values (`..3` converts an int to an Index) runs no code of the user's.
            IBinaryOperation binary => LibraryOperator(binary.OperatorMethod) && InertValue(binary.LeftOperand) && InertValue(binary.RightOperand),
            IUnaryOperation unary => unary.OperatorMethod is null || LibraryOperator(unary.OperatorMethod) && InertValue(unary.Operand),
            IConversionOperation conversion => conversion.OperatorMethod is null ? !HidesObjectOfTheUser(conversion) : LibraryOperator(conversion.OperatorMethod) && InertValue(conversion.Operand),
            IInterpolatedStringOperation interpolated => interpolated.Parts.All(p => p is not IInterpolationOperation hole || InertValue(hole.Expression)),
            IInterpolationOperation => true, // its expression's type was checked with the string
            IInterpolatedStringHandlerCreationOperation handler => IsDefaultHandler(handler.Type),
            IInterpolatedStringAppendOperation or IInterpolatedStringHandlerArgumentPlaceholderOperation => true, // the call and the argument are walked on their own
            // `reply is { Length: > 0 } text`: each member read is walked as the reference it is; a positional pattern calls Deconstruct.
            IPropertySubpatternOperation => true,
            IDeclarationPatternOperation or ITypePatternOperation => !NarrowsToFrameworkInterface(((IPatternOperation)operation).InputType, ((IPatternOperation)operation).NarrowedType),
            // A positional pattern on an `object` reads it through ITuple, which a class of the user's may implement.
            IRecursivePatternOperation recursive => !NarrowsToFrameworkInterface(recursive.InputType, recursive.NarrowedType) && recursive.DeconstructSymbol switch { null => true, IMethodSymbol deconstruct => IsInertDeconstruct(deconstruct, depth), _ => false },
            // Making a tuple stores its items, as making an array does (each is walked where it is written).
            ITupleOperation => true,
            IFieldReferenceOperation field => !field.Field.IsStatic || field.Field.IsConst || TypeInitializerIsInert(field.Field.ContainingType, depth),
            IPropertyReferenceOperation property => (!property.Property.IsStatic || TypeInitializerIsInert(property.Property.ContainingType, depth)) && IsPlainProperty(property, depth),
            IInvocationOperation invocation => IsInertCall(invocation, depth),
            IObjectCreationOperation creation => IsInertCreation(creation, depth),
            // `text[..3]`: the framework's Range, and a library's Substring, Slice or indexer.
            IRangeOperation range => range.Method is null || !InUserCode(range.Method),
            IImplicitIndexerReferenceOperation indexer => !InUserCode(indexer.IndexerSymbol) && (Inert(indexer.Instance.Type) || IsInertReceiver(indexer.Instance.Type)),
            // An anonymous object's members are the compiler's; a `with` copies a struct, or a record whose copying is the compiler's.
            IAnonymousObjectCreationOperation => true,
            IWithOperation with => with.CloneMethod is null || IsCompilerCopy(with),
            // Taking a tuple apart runs nothing; a record's Deconstruct is the compiler's; a helper's is walked like one.
            IDeconstructionAssignmentOperation deconstruction => IsInertDeconstruction(deconstruction, depth),
            IAnonymousFunctionOperation => true,                            // its body is walked as part of this one
            IDelegateCreationOperation creation => creation.Target is IAnonymousFunctionOperation,
            _ => false,
        };

        private bool IsInertDeconstruction(IDeconstructionAssignmentOperation deconstruction, int depth)
        {
            if (deconstruction.Syntax is not AssignmentExpressionSyntax syntax || deconstruction.SemanticModel is not { } model) return false;
            return IsInertDeconstructor(model.GetDeconstructionInfo(syntax), depth);
        }

        private bool IsInertDeconstructor(DeconstructionInfo info, int depth) =>
            (info.Method is not { } method || IsInertDeconstruct(method, depth)) && info.Nested.All(nested => IsInertDeconstructor(nested, depth));

        private bool IsInertDeconstruct(IMethodSymbol method, int depth) =>
            // A positional record's reads the record's properties, each the compiler's own unless written out.
            method.IsImplicitlyDeclared ? method.Parameters.All(p => method.ContainingType.GetMembers(p.Name).OfType<IPropertySymbol>().Any(property => !property.IsVirtual && !property.IsOverride && property.IsAutoProperty()))
            : !InUserCode(method) ? method.ContainingType.TypeArguments.All(Inert)
            : !method.IsVirtual && !method.IsOverride && !method.IsAbstract && !method.IsTracedMethod() && IsLeaf(method, depth + 1);

        // A record's clone runs its copy constructor, and that its base's: plain copies when the compiler wrote them all. The
        // clone is virtual, so the record must be sealed for the copy to be the one written here.
        private static bool IsCompilerCopy(IWithOperation with)
        {
            if (with.CloneMethod is not { IsImplicitlyDeclared: true } || with.Operand.Type is not INamedTypeSymbol { IsSealed: true } record) return false;
            for (var type = record; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                var copy = type.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type));
                if (copy is not { IsImplicitlyDeclared: true }) return false;
            }

            return true;
        }

        // Auto-properties run no user code; a property of the user's with a body is walked like a helper.
        private bool IsPlainProperty(IPropertyReferenceOperation reference, int depth)
        {
            var property = reference.Property;
            if (property.ContainingType.IsAnonymousType) return true;
            // The options instance the framework built once and cached (built again after a reload, for a monitor): the
            // callbacks that configure it are taken not to call traced code, as traced bodies' paths take them.
            if (AccessPaths.IsOptionsValue(property)) return true;
            if (!InUserCode(property))
            {
                // Library properties run library code: fine unless they may dispatch to user code or are given user values.
                // `typeof(T)` is the runtime's own type object, never a subclass of the user's.
                return (property.IsStatic || Inert(reference.Instance?.Type) || IsInertReceiver(reference.Instance?.Type) || reference.Instance is ITypeOfOperation
                        || IsFrameworkObjectMadeHere(reference.Instance, depth))
                    && reference.Arguments.All(a => InertValue(a.Value));
            }

            if (property.IsIndexer || property.IsVirtual || property.IsOverride || property.IsAbstract || property.ContainingType.TypeKind == TypeKind.Interface) return false;
            if (property.IsAutoProperty()) return true;
            var parent = reference.Parent;
            var writes = parent is IAssignmentOperation assignment && assignment.Target == reference || parent is IIncrementOrDecrementOperation;
            var reads = !(parent is ISimpleAssignmentOperation simple && simple.Target == reference);
            return (!reads || Walk(property.GetMethod)) && (!writes || Walk(property.SetMethod));

            bool Walk(IMethodSymbol? accessor) => accessor is not null && IsLeaf(accessor, depth + 1);
        }

        // A library's constructor given plain values runs the library's code on an object of the library's own type; a
        // constructor of the user's runs its body, the type's instance initializers, and its base class's constructor.
        // An object initializer's members and elements are judged as the operations they are.
        private bool IsInertCreation(IObjectCreationOperation creation, int depth)
        {
            if (creation.Constructor is not { } constructor || creation.Type is not INamedTypeSymbol type) return false;
            if (InUserCode(constructor)) return IsInertConstructor(constructor, depth + 1);
            // The framework's collections store what they are given: making one with no elements calls nothing of the user's.
            return creation.Arguments.All(a => InertValue(a.Value)) && (type.TypeArguments.All(Inert) || IsGenericCollection(type));
        }

        // A constructor runs its body (and the constructor it names, base or this), or else the base class's parameterless
        // constructor; then, unless it hands over to another of its own type's, the initializers of the instance members.
        private bool IsInertConstructor(IMethodSymbol constructor, int depth)
        {
            var type = constructor.ContainingType;
            // Only this project's source says what a constructor runs.
            if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly)) return false;
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || !TypeInitializerIsInert(type, depth)) return false;
            if (!_visited.Add(constructor.OriginalDefinition)) return true;
            if (depth > MaxHelperDepth || constructor.DeclaringSyntaxReferences.Length > 1) return false;
            var declaration = constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
            ConstructorInitializerSyntax? chained = null;
            if (declaration is ConstructorDeclarationSyntax written)
            {
                if (!WalkBody(written, depth)) return false;
                chained = written.Initializer;
            }
            else if (declaration is TypeDeclarationSyntax { BaseList.Types: var bases } && bases.Any(b => b is PrimaryConstructorBaseTypeSyntax))
            {
                return false; // a primary constructor that passes arguments to the base's
            }
            else if (declaration is not (null or TypeDeclarationSyntax))
            {
                return false;
            }

            if (chained is null && !BaseConstructorIsInert(type, depth)) return false;
            return chained is { ThisOrBaseKeyword.ValueText: "this" } || type.GetMembers().All(member => member.IsStatic || InertInitializer(member, depth));
        }

        private bool BaseConstructorIsInert(INamedTypeSymbol type, int depth)
        {
            if (type.TypeKind == TypeKind.Struct || type.BaseType is not { } baseType || baseType.SpecialType == SpecialType.System_Object) return true;
            return InUserCode(baseType) && baseType.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0) is { } parameterless
                && IsInertConstructor(parameterless, depth + 1);
        }

        private bool InertInitializer(ISymbol member, int depth)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var initializer = reference.GetSyntax(cancellationToken) switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer,
                    PropertyDeclarationSyntax property => property.Initializer,
                    _ => null,
                };
                if (initializer is null) continue;
                var model = modelOf?.Invoke(initializer) ?? compilation.GetSemanticModel(initializer.SyntaxTree);
                if (model.GetOperation(initializer, cancellationToken) is not { } operation) return false;
                foreach (var part in operation.DescendantsAndSelf())
                {
                    if (part is not (IFieldInitializerOperation or IPropertyInitializerOperation) && !IsInert(part, depth)) return false;
                }
            }

            return true;
        }

        private bool IsInertCall(IInvocationOperation invocation, int depth)
        {
            var target = invocation.TargetMethod;
            // A constructor named by another (base(...), this(...)); a library's runs its code on an object of the user's type.
            if (target.MethodKind == MethodKind.Constructor)
            {
                return target.ContainingType.SpecialType == SpecialType.System_Object || InUserCode(target) && IsInertConstructor(target, depth + 1);
            }
            if (target.MethodKind == MethodKind.DelegateInvoke) return false;
            // A traced function's own call runs in a running call of its own when it is intercepted.
            if (reentered is not null && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, reentered.OriginalDefinition))
            {
                return reentered.IsTracedMethod() && InterceptionRule.Judge(invocation, compilation, Symbols.IsTracedMethod).IsIntercepted;
            }
            if (target.IsTracedMethod() || target.OverriddenMethod is not null && IsTracedOverride(target))
            {
                // In a traced function entered without its interceptor, a traced call that is not intercepted runs in its running
                // call too, and may enter it again.
                return tracedCallsAllowed && invocation.Syntax is InvocationExpressionSyntax
                    && (reentered?.IsTracedMethod() != true || InterceptionRule.Judge(invocation, compilation, Symbols.IsTracedMethod).IsIntercepted);
            }
            if (InUserCode(target))
            {
                // An untraced helper of the user's: walked, unless it can be replaced by an override. A static one first runs its
                // type's static constructor, unless that has run already.
                return !target.IsVirtual && !target.IsOverride && !target.IsAbstract && target.ContainingType.TypeKind != TypeKind.Interface
                    && (!target.IsStatic || TypeInitializerIsInert(target.ContainingType, depth)) && IsLeaf(target, depth + 1);
            }

            // A list stores an element without calling anything of it (nor of a comparer: a list has none).
            if (target is { Name: "Add" or "Insert", IsStatic: false } && IsGenericCollection(target.ContainingType) && target.ContainingType.Name == "List") return true;

            // LINQ taking or ordering objects of the user's calls nothing of theirs, only the lambdas it is given (walked where
            // they are written) and its keys' comparisons.
            if (ElementMoves.Is(target) && !target.TypeArguments.All(Inert)) return ElementMoves.ComparedTypes(target).All(ComparedWithoutCulture) && invocation.Arguments.All(a => MovedOnly(a));

            // A framework guard that only tests what it is given (`ArgumentNullException.ThrowIfNull(reply)`).
            if (ThrowHelpers.RunsNothingGiven(invocation)) return true;

            // Library code cannot intercept, but could call back into user code through what it is given.
            if (target.IsGenericMethod && !target.TypeArguments.All(Inert)) return false;
            if (!target.IsStatic && !(Inert(invocation.Instance?.Type) || IsInertReceiver(invocation.Instance?.Type) || IsFrameworkObjectMadeHere(invocation.Instance, depth))) return false;
            return invocation.Arguments.All(a => InertValue(a.Value) || (a.Value.Type?.IsOptoType() ?? false));
        }

        // A local that holds an object of the framework's made where it is declared with plain values (`using var ms = new
        // MemoryStream()`, `var rng = new Random(7)`): its virtual members are the framework's class's own, which no class of the
        // user's overrides. Only where the local is used for nothing but its members: passed on, subscribed to or set again,
        // it could be given code of the user's, or hold another object.
        private bool IsFrameworkObjectMadeHere(IOperation? receiver, int depth) =>
            receiver is not null && GlueFlow.Unwrap(receiver) is ILocalReferenceOperation read && GlueFlow.EnclosingFunction(read) is { } function
            && GlueFlow.CreatedForItsMembers(read.Local, function) is { Type: INamedTypeSymbol type, Initializer: null } made
            && !InUserCode(type) && type.TypeArguments.All(Inert) && IsInertCreation(made, depth + 1);

        // An argument of LINQ's that moves elements (ElementMoves): a sequence that enumerates itself (an array, a collection
        // class of the framework's, another LINQ call's), a lambda, a plain value, or an element, which it stores or hands back
        // without calling anything of it. A comparer or a sequence of the user's runs their code.
        private bool MovedOnly(IArgumentOperation argument)
        {
            var value = GlueFlow.Unwrap(argument.Value);
            if (InertValue(argument.Value) || IsFrameworkSequence(value, 0)) return true;
            return argument.Parameter is { } parameter && parameter.OriginalDefinition.Type is ITypeParameterSymbol;
        }

        // A sequence whose class is known to be the framework's: an array, a collection class of the framework's made here
        // (a value typed `List<T>` may be of a class of the user's deriving from it, which LINQ calls through the interfaces
        // it implements again), another LINQ call's result; or a local set once to one of those.
        private bool IsFrameworkSequence(IOperation value, int depth)
        {
            value = GlueFlow.Unwrap(value);
            if (value.Type is IArrayTypeSymbol || IsFrameworkInstance(value)) return true;
            if (value is IObjectCreationOperation { Type: INamedTypeSymbol made } && EnumeratesItself(made)) return true;
            return depth < 4 && value is ILocalReferenceOperation { Local: var local } && GlueFlow.EnclosingFunction(value) is { } function
                && GlueFlow.ValueSetOnce(local, function) is { } set && IsFrameworkSequence(set, depth + 1);
        }

        // A key the framework's default comparer orders without the current culture, which a program may set to a class of its
        // own: not text, nor a tuple holding text.
        private bool ComparedWithoutCulture(ITypeSymbol key) =>
            Inert(key) && key.SpecialType != SpecialType.System_String
            && (key is not INamedTypeSymbol { IsTupleType: true } tuple || tuple.TupleElements.All(e => ComparedWithoutCulture(e.Type)))
            && (key is not INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable || ComparedWithoutCulture(nullable.TypeArguments[0]));

        // Only the framework and Opto itself are known to hold no interceptors: any other assembly may, directly or through
        // an assembly it references in turn.
        private bool InUserCode(ISymbol symbol) =>
            symbol.ContainingAssembly is not { } assembly
            || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly)
            || !FrameworkAssemblies.Contains(assembly.Name);

        // The first use of a type of the user's (a static member, an instance made, for a type with a static constructor a
        // static method called) runs its static constructor and its static members' initializers, and those may run anything:
        // both are walked like a helper's body. A type nested in a generic one is judged by its definition's code.
        private bool TypeInitializerIsInert(INamedTypeSymbol type, int depth)
        {
            if (!InUserCode(type) || !_visited.Add(type.OriginalDefinition)) return true;
            if (depth > MaxHelperDepth) return false;
            foreach (var constructor in type.StaticConstructors)
            {
                if (constructor.IsImplicitlyDeclared) continue;
                if (constructor.DeclaringSyntaxReferences.Length != 1 || !WalkBody(constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken), depth + 1)) return false;
            }

            return type.GetMembers().All(member => !member.IsStatic || member is IFieldSymbol { IsConst: true } || InertInitializer(member, depth + 1));
        }

        private bool DisposesLibraryObjects(IVariableDeclarationGroupOperation group) =>
            group.Declarations.SelectMany(d => d.Declarators).All(d => d.GetVariableInitializer() is not { } initializer || DisposesLibraryObject(initializer.Value));

        // An object made here is of the type named; any other value may be of a class of the user's derived from (or
        // implementing) its type unless that type is sealed or a struct.
        private bool DisposesLibraryObject(IOperation value)
        {
            while (value is IConversionOperation { OperatorMethod: null } conversion) value = conversion.Operand;
            if (value.ConstantValue is { HasValue: true, Value: null }) return true;
            if (value is IObjectCreationOperation { Type: { } made }) return !InUserCode(made);
            return value.Type is { } type && !InUserCode(type) && (type.IsValueType || type.IsSealed);
        }

        // An object of the user's typed as one of the framework's collection interfaces (`ICollection<string> items = new
        // Items()`), which a value of such a type is otherwise taken not to be: its members would run code of the user's
        // wherever the value is used.
        // An upcast keeps the object's type under its own; a cast down (`(IList<string>)item`, `item as IList<string>`) may
        // find any class under the type it starts from.
        private bool HidesObjectOfTheUser(IConversionOperation conversion) =>
            conversion.Operand.Type is { } source && (!conversion.Conversion.IsImplicit || source is ITypeParameterSymbol || InUserCode(source))
            && NarrowsToFrameworkInterface(source, conversion.Type);

        // `item is IList<string> list`: the same for a pattern.
        private bool NarrowsToFrameworkInterface(ITypeSymbol? source, ITypeSymbol? target) =>
            InterfacesHoldFrameworkCollections && target is INamedTypeSymbol { TypeKind: TypeKind.Interface } && Inert(target) && source is not null && !Inert(source);

        private bool LibraryOperator(IMethodSymbol? method) => method is null || !InUserCode(method);

        // A primitive boxed to object (string + int, a format argument) is still a primitive; so is null (an optional argument
        // left out: `JsonSerializer.Serialize(value)` passes no options).
        private bool InertValue(IOperation value)
        {
            if (value.ConstantValue is { HasValue: true, Value: null }) return true;
            // A lambda given to the framework (`Where(d => d.Length > 0)`) runs its body, which is walked as part of the code it is in.
            if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation }) return true;
            while (value is IConversionOperation { IsImplicit: true, OperatorMethod: null } conversion) value = conversion.Operand;
            return Inert(value.Type) || IsFrameworkInstance(value);
        }

        // The framework's own instances that formatting and comparing are given (`string.Format(CultureInfo.InvariantCulture, ...)`,
        // `new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase)`): never an object of the user's, unlike the current
        // culture, which a program may set to a subclass of its own.
        private bool IsFrameworkInstance(IOperation value) => value switch
        {
            IPropertyReferenceOperation { Property: { IsStatic: true } property } => s_frameworkInstances.Contains((property.ContainingType.Name, property.Name))
                && property.ContainingNamespace?.ToDisplayString() is "System" or "System.Globalization" && property.ContainingAssembly?.Name is { } assembly && FrameworkAssemblies.Contains(assembly),
            IInvocationOperation { TargetMethod: { IsStatic: true, Name: "GetCultureInfo", ContainingType: { Name: "CultureInfo" } culture } } call
                => culture.ContainingNamespace?.ToDisplayString() == "System.Globalization" && call.Arguments.All(a => InertValue(a.Value)),
            // The framework's handler of `string.Create(provider, $"...")`: its parts are walked as the operations they are,
            // and a placeholder stands for an argument judged where it is given.
            IInterpolatedStringHandlerCreationOperation handler => IsDefaultHandler(handler.Type),
            IInterpolatedStringHandlerArgumentPlaceholderOperation => true,
            // What LINQ returns (`OrderBy(...)`, `GroupBy(...)`) is the framework's own sequence, typed by an interface a class
            // of the user's could implement; the call itself, its source and its lambdas are walked where they are written.
            IInvocationOperation { TargetMethod.ContainingType: { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } => true,
            _ => false,
        };

        private static readonly HashSet<(string Type, string Property)> s_frameworkInstances =
        [
            ("CultureInfo", "InvariantCulture"), ("NumberFormatInfo", "InvariantInfo"), ("DateTimeFormatInfo", "InvariantInfo"),
            ("StringComparer", "Ordinal"), ("StringComparer", "OrdinalIgnoreCase"), ("StringComparer", "InvariantCulture"), ("StringComparer", "InvariantCultureIgnoreCase"),
        ];

        // Values whose methods are the library's own: nothing user-defined can run when they are formatted or compared.
        private bool Inert(ITypeSymbol? type) => type switch
        {
            null => true,
            { TypeKind: TypeKind.Enum } => true,
            { SpecialType: SpecialType.System_String or SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
                or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
                or SpecialType.System_UInt64 or SpecialType.System_Decimal or SpecialType.System_Single or SpecialType.System_Double
                or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_DateTime } => true,
            IArrayTypeSymbol array => Inert(array.ElementType),
            // The framework's collections of such values (List<string>, Dictionary<string, int>, ConcurrentDictionary<string, string>)
            // call nothing of the user's.
            INamedTypeSymbol collection when IsGenericCollection(collection) => (collection.TypeKind != TypeKind.Interface || InterfacesHoldFrameworkCollections) && collection.TypeArguments.All(Inert),
            INamedTypeSymbol { IsTupleType: true } tuple => tuple.TupleElements.All(e => Inert(e.Type)),
            // An anonymous object of such values: its members, equality and text are the compiler's.
            INamedTypeSymbol { IsAnonymousType: true } anonymous => anonymous.GetMembers().OfType<IPropertySymbol>().All(p => Inert(p.Type)),
            INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable => Inert(nullable.TypeArguments[0]),
            // Spans and memory of such values (text.AsSpan(0, 1)) are views of them.
            INamedTypeSymbol { IsGenericType: true, Name: "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } view
                => view.TypeArguments.All(Inert),
            // A library's struct of such values (TimeSpan, Guid, a role or a status wrapping a string) has nothing of the user's to call.
            INamedTypeSymbol { TypeKind: TypeKind.Struct, IsGenericType: false, ContainingAssembly.Name: var assembly } value when FrameworkAssemblies.Contains(assembly)
                => value.GetMembers().All(m => m is not IFieldSymbol { IsStatic: false } field || Inert(field.Type)),
            _ => false,
        };
    }

    // Whether a foreach runs code of the element's type on each element: a deconstruction (`foreach (var (a, b) in pairs)`)
    // or a user-defined conversion to the variable's type, neither of which is an operation of its own.
    private static bool TakesElementsApart(IForEachLoopOperation loop) =>
        loop.LoopControlVariable is not IVariableDeclaratorOperation || GlueFlow.ConvertsElements(loop);

    // An array, or a collection class of the framework's (not an interface, which a class of the user's may implement).
    private static bool EnumeratesItself(ITypeSymbol? type) =>
        type is IArrayTypeSymbol || type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named && IsGenericCollection(named);

    // Not a comparer (`IComparer<T>`, `EqualityComparer<T>`): those hold code, which a class of the user's may supply.
    private static bool IsGenericCollection(INamedTypeSymbol type) =>
        type.Name is not ("IComparer" or "IEqualityComparer" or "Comparer" or "EqualityComparer" or "IAlternateEqualityComparer") && type is { IsGenericType: true, ContainingNamespace: { Name: "Generic" or "Concurrent", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } }
        && type.ContainingAssembly?.Name is { } assembly && (assembly == "System" || assembly.StartsWith("System.", System.StringComparison.Ordinal) || assembly is "mscorlib" or "netstandard");

    private static bool IsTracedOverride(IMethodSymbol method)
    {
        for (var m = method.OverriddenMethod; m is not null; m = m.OverriddenMethod)
        {
            if (m.IsTracedMethod()) return true;
        }

        return false;
    }

    private static bool IsOptoType(this ITypeSymbol type) => type.ContainingAssembly?.Name == "Opto";

    // Library types whose own members never call user code unless handed a user value (which the arguments check catches).
    private static bool IsInertReceiver(ITypeSymbol? type) =>
        type is not null && (type.IsOptoType() || type.ToDisplayString() is "System.Text.StringBuilder" || IsDefaultHandler(type));

    // The handler the compiler builds interpolated text with for the framework (`string.Create(provider, $"...")`): it appends
    // every part, never skipping one, and formats with the provider it was given.
    private static bool IsDefaultHandler(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "DefaultInterpolatedStringHandler", ContainingNamespace: { Name: "CompilerServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };
}
