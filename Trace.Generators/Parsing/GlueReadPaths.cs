using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

/// <summary>
/// How the object whose <c>[Trainable]</c> member glue code reads (<c>Answer(_options.Prompt + question)</c>) is found
/// again when the traced call is recorded: through fields and auto-properties (<see cref="AccessPaths"/>) from <c>this</c> of
/// the method the glue is written in, or from a static member. A path through members that may hold another object by the
/// time of the call is followed only when the read is in the call's argument and nothing evaluated after it, before the
/// call, can run code of the program's; otherwise only through members that cannot change: readonly fields, properties
/// with no code and no setter (or <c>init</c>), and primary-constructor parameters never assigned (outside constructors).
/// </summary>
/// <remarks>Shared by the generator, which records the path, and the analyzer, which reports the reads it cannot link.</remarks>
internal static class GlueReadPaths
{
    /// <summary>Two reads of the same member on the same path (<c>Prompt</c> and <c>this.Prompt</c> are one).</summary>
    public static IEqualityComparer<IMemberReferenceOperation> SameRead { get; } = new ReadComparer();

    /// <summary>
    /// The path to the object a read of a trainable member on another object than <c>this</c> is made on, when the runtime can
    /// follow it from the glue's <c>this</c> or from a static member; otherwise null. <paramref name="argument"/> is the traced
    /// call's argument the glue makes.
    /// </summary>
    public static AccessPaths.Path? Of(IMemberReferenceOperation read, IOperation argument) => Of(read, argument, out _);

    /// <inheritdoc cref="Of(IMemberReferenceOperation, IOperation)"/>
    /// <param name="reason">Why the path cannot be followed, when it cannot.</param>
    public static AccessPaths.Path? Of(IMemberReferenceOperation read, IOperation argument, out string? reason)
    {
        reason = null;
        if (read.Member.IsStatic || read.Instance is null || OnThis(read)) return null;
        if (read.SemanticModel is not { } model || model.GetEnclosingSymbol(read.Syntax.SpanStart) is not IMethodSymbol method)
        {
            reason = "it is read outside a method";
            return null;
        }

        var path = AccessPaths.Resolve(read.Instance, method, model.Compilation, out reason, readAtCompletion: false);
        if (path is null) return null;
        if (path is not { Argument: null, Steps.Count: > 0 })
        {
            reason = path.Argument is { } parameter ? $"it is reached through the parameter '{parameter.Name}', which the call does not see" : "it is reached through an expression the compiler cannot follow";
            return null;
        }

        if (path.Elements)
        {
            reason = "it is read on an element of a collection, which glue code does not follow";
            return null;
        }

        // In a constructor a readonly field or a get-only property may still be assigned, so nothing there is taken as fixed.
        var inConstructor = method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor || method.IsInitOnly;
        if (path.Local is { } local && path.StepsBeforeLocal.FirstOrDefault(s => inConstructor || !CannotChange(s.Member)) is { } before)
        {
            reason = $"it is read through the local '{local.Name}', set from '{before.Member.Name}', which may hold another object by the call (make it readonly, or read the value in the argument itself)";
            return null;
        }

        if (path.Steps.FirstOrDefault(s => inConstructor || !CannotChange(s.Member)) is not { } changing) return path;
        var inArgument = read.Syntax.SyntaxTree == argument.Syntax.SyntaxTree && argument.Syntax.Span.Contains(read.Syntax.Span);
        if (!inArgument)
        {
            reason = $"it is read before the call through '{changing.Member.Name}', which may hold another object by then (make it readonly, or read the value in the argument itself)";
            return null;
        }

        if (CodeAfter(read, argument) is { } code)
        {
            reason = $"it is read through '{changing.Member.Name}', which may hold another object once '{code.Syntax}' has run, before the call (make it readonly)";
            return null;
        }

        return path;
    }

    /// <summary>
    /// Whether the read is of a member of <c>this</c>: written so, or by a pattern on <c>this</c> (<c>this is { UseTool: true }</c>).
    /// A pattern on another value (<c>_config is { UseTool: true }</c>) reads that value's member, which a path must reach.
    /// </summary>
    public static bool OnThis(IMemberReferenceOperation read) => read.Instance switch
    {
        IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput } input =>
            AccessPaths.PatternInput(input, out _) is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance },
        IInstanceReferenceOperation => true,
        _ => false,
    };

    /// <summary>Whether the path starts at a static member: then the glue's <c>this</c> is not needed to follow it.</summary>
    public static bool StartsStatic(AccessPaths.Path path) => path.Steps[0].IsStatic;

    // Code that could run the program's (a call, an await, a user-defined operator or conversion, a text made of an object,
    // which calls its ToString) and that is evaluated after the read, before the call: in the arguments of the call, what is
    // not wholly before the read (what encloses the read runs after it).
    private static IOperation? CodeAfter(IOperation read, IOperation argument)
    {
        var arguments = argument.Parent is IArgumentOperation { Parent: IInvocationOperation call } ? call.Arguments.Cast<IOperation>() : [argument];
        var start = read.Syntax.SpanStart;
        foreach (var operation in arguments.SelectMany(a => a.DescendantsAndSelf()))
        {
            if (operation.Syntax.SyntaxTree == read.Syntax.SyntaxTree && (operation.Syntax.Span.End <= start || read.Syntax.Span.Contains(operation.Syntax.Span))) continue;
            // Joined or formatted, an object runs its ToString: the object is the code named.
            if (operation is IBinaryOperation { OperatorMethod: null } joined && !IsPlain(joined.LeftOperand)) return joined.LeftOperand;
            if (operation is IBinaryOperation { OperatorMethod: null } joinedTo && !IsPlain(joinedTo.RightOperand)) return joinedTo.RightOperand;
            if (!Inert(operation)) return operation is IInterpolationOperation hole ? hole.Expression : operation;
        }

        return null;
    }

    private static bool Inert(IOperation operation) => operation switch
    {
        ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or IParenthesizedOperation
            or IArgumentOperation or IInterpolatedStringOperation or IInterpolatedStringTextOperation or IArrayCreationOperation or IArrayInitializerOperation
            or IDefaultValueOperation or IConditionalOperation or IConditionalAccessOperation or IConditionalAccessInstanceOperation or IFieldReferenceOperation => true,
        IPropertyReferenceOperation { Property: var property } => !property.IsIndexer
            && (HasNoCode(property) || AccessPaths.IsOptionsValue(property) || property.ContainingType.SpecialType == SpecialType.System_String),
        IConversionOperation conversion => conversion.OperatorMethod is null,
        IBinaryOperation binary => binary.OperatorMethod is null && IsPlain(binary.LeftOperand) && IsPlain(binary.RightOperand),
        IInterpolationOperation interpolation => IsPlain(interpolation.Expression),
        // A method of the framework's on text and numbers (`x.Trim()`, `string.Concat(a, b)`), given nothing else.
        IInvocationOperation invocation => FrameworkAssemblies.Contains(invocation.TargetMethod.ContainingAssembly?.Name ?? "")
            && (invocation.Instance is null || IsPlain(invocation.Instance)) && invocation.Arguments.All(a => IsPlain(a.Value)),
        _ => false,
    };

    // Text, a number, a character, a truth value or an enum: formatting or joining it runs no code of the program's.
    private static bool IsPlain(IOperation value)
    {
        while (value is IConversionOperation { OperatorMethod: null } conversion) value = conversion.Operand;
        return value.Type is { } type && (type.TypeKind == TypeKind.Enum || type.SpecialType is SpecialType.System_String or SpecialType.System_Boolean or SpecialType.System_Char
            or >= SpecialType.System_SByte and <= SpecialType.System_Double);
    }

    private static bool CannotChange(ISymbol member) => member switch
    {
        IFieldSymbol field => field.IsReadOnly || field.IsConst,
        // `IOptions<T>.Value` is the instance it cached; `IOptionsMonitor<T>.CurrentValue` the reloaded one. A getter with a
        // body may set its field.
        IPropertySymbol property => AccessPaths.IsOptionsValue(property) ? property.Name == "Value" : property.SetMethod is null or { IsInitOnly: true } && HasNoCode(property),
        IParameterSymbol parameter => !AccessPaths.IsReassigned(parameter),
        _ => false,
    };

    // An auto-property (`get;`), or a record's positional one, that no override can replace: its getter runs nothing.
    private static bool HasNoCode(IPropertySymbol property) =>
        !property.IsVirtual && !property.IsOverride && !property.IsAbstract && GlueFlow.IsAutoProperty(property) && property.GetMethod is { } getter && AccessPaths.IsAutoGetter(getter);

    private sealed class ReadComparer : IEqualityComparer<IMemberReferenceOperation>
    {
        public bool Equals(IMemberReferenceOperation? x, IMemberReferenceOperation? y) =>
            ReferenceEquals(x, y) || x is not null && y is not null && SymbolEqualityComparer.Default.Equals(x.Member, y.Member) && PathText(x.Instance) == PathText(y.Instance);

        public int GetHashCode(IMemberReferenceOperation obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Member);

        private static string PathText(IOperation? instance) => instance switch
        {
            null or IInstanceReferenceOperation => "",
            IConversionOperation { IsImplicit: true } conversion => PathText(conversion.Operand),
            IParenthesizedOperation parenthesized => PathText(parenthesized.Operand),
            // A static member's path starts at its type: `A.Config` and `B.Config` are two paths, and neither is `this.Config`.
            IMemberReferenceOperation member => (member.Member.IsStatic ? member.Member.ContainingType.ToDisplayString() : PathText(member.Instance)) + "." + member.Member.Name,
            _ => instance.Syntax.ToString(),
        };
    }
}
