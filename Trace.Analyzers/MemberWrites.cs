using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Analyzers;

/// <summary>
/// The values each local and field of a member is given: initializers, the right-hand sides of assignments, and the
/// ways a value reaches a local without a plain assignment (a compound assignment, a deconstruction, a pattern, an
/// <c>out</c> or <c>ref</c> argument, a <c>foreach</c> variable, and a change of the object the local holds: a call on it
/// with arguments, or a member or element set on it). Asked for each local of each argument of each traced call, so a
/// member is walked once for all of them, and the answer lives as long as the member's operations.
/// </summary>
internal static class MemberWrites
{
    /// <summary>How a value reaches a local or field.</summary>
    public enum WriteKind
    {
        /// <summary>The symbol gets the value itself (an initializer, an assignment, a tuple's element).</summary>
        Assign,

        /// <summary>The symbol gets something computed from the value (a compound assignment, a deconstructed result, an
        /// <c>out</c> argument, from the call's arguments).</summary>
        Transform,

        /// <summary>The symbol is one of the value's elements or members (a <c>foreach</c> variable over it, a part of it
        /// deconstructed or matched by a pattern, an <c>out</c> result of a call on it).</summary>
        ElementOf,

        /// <summary>The value's arguments, or the value, become part of the symbol's object (<c>list.Add(s)</c>,
        /// <c>sb.Append(s)</c>, <c>d[k] = s</c>, <c>req.Summary = s</c>).</summary>
        AddsTo,
    }

    /// <summary>One value given to a local or field.</summary>
    /// <param name="Value">The operation whose value reaches the symbol; for a call that changes the symbol's object or sets
    /// an <c>out</c> argument, the call, whose arguments are what flows.</param>
    /// <param name="Reason">Why the compiler cannot prove the flow, when the way itself says it; null for an assignment.</param>
    /// <param name="ThroughArguments">The value is a call whose arguments are what flows (<c>sb.Append(s)</c>, an
    /// <c>out</c> argument).</param>
    /// <param name="Member">For a member set on the symbol's object (<c>req.Summary = s</c>), or a member a call is made on
    /// (<c>chat.Messages.Add(s)</c>), that member.</param>
    public readonly record struct Write(IOperation Value, string? Reason, WriteKind Kind, bool ThroughArguments = false, ISymbol? Member = null);

    private static readonly ConditionalWeakTable<IOperation, Dictionary<ISymbol, List<Write>>> s_writes = new();

    public static Dictionary<ISymbol, List<Write>> In(IOperation root) => s_writes.GetValue(root, static r =>
    {
        var writes = new Dictionary<ISymbol, List<Write>>(SymbolEqualityComparer.Default);
        void Add(ISymbol symbol, Write write)
        {
            if (!writes.TryGetValue(symbol, out var values)) writes[symbol] = values = [];
            values.Add(write);
        }

        foreach (var operation in r.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer) is { } initializer) Add(declarator.Symbol, new(initializer.Value, null, WriteKind.Assign));
                    break;
                case ISimpleAssignmentOperation assignment:
                    if (Target(assignment.Target) is { } assigned) Add(assigned, new(assignment.Value, null, WriteKind.Assign));
                    if (Target(assignment.Target) is null && assignment.Target is IMemberReferenceOperation or IArrayElementReferenceOperation && HolderOf(assignment.Target) is { } holder)
                    {
                        var member = MemberOf(assignment.Target);
                        Add(holder, new(assignment.Value, $"it is stored in '{holder.Name}', where the compiler does not follow it", WriteKind.AddsTo, Member: member));
                    }

                    break;
                case ICompoundAssignmentOperation compound when Target(compound.Target) is { } target:
                    Add(target, new(compound, $"'{target.Name}' is assigned more than once, so which call's result it holds is decided at run time", WriteKind.Transform));
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    AddDeconstructed(deconstruction.Target, deconstruction.Value);
                    break;
                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared } pattern when PatternInput(pattern) is { } input:
                    Add(declared, new(input, $"'{declared.Name}' is declared by a pattern", pattern.Parent is IRecursivePatternOperation or IPropertySubpatternOperation ? WriteKind.ElementOf : WriteKind.Assign));
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when Declared(argument.Value) is { } local && argument.Parent is { } call:
                    Add(local, new(call, $"'{local.Name}' is set through an out or ref argument", WriteKind.ElementOf, ThroughArguments: true));
                    break;
                case IForEachLoopOperation loop:
                    foreach (var local in loop.Locals.Where(l => !l.IsImplicitlyDeclared || loop.Locals.Length == 1))
                    {
                        Add(local, new(loop.Collection, $"'{local.Name}' is assigned at each iteration of a loop", WriteKind.ElementOf));
                    }

                    break;
                case IInvocationOperation { Arguments.Length: > 0 } call when Changes(call) && HolderOf(call.Instance) is { } receiver:
                    Add(receiver, new(call, $"it reaches '{receiver.Name}' through {call.TargetMethod.Name}, which changes the object where the compiler does not follow it", WriteKind.AddsTo, ThroughArguments: true,
                        Member: MemberOf(call.Instance)));
                    break;
            }
        }

        return writes;

        void AddDeconstructed(IOperation target, IOperation value)
        {
            if (target is IDeclarationExpressionOperation declaration) target = declaration.Expression;
            if (target is not ITupleOperation tuple) return;
            var values = value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;
            for (var i = 0; i < tuple.Elements.Length; i++)
            {
                var element = tuple.Elements[i];
                if (values is ITupleOperation valueTuple && valueTuple.Elements.Length == tuple.Elements.Length)
                {
                    if (element is ITupleOperation or IDeclarationExpressionOperation) AddDeconstructed(element, valueTuple.Elements[i]);
                    else if (Declared(element) is { } local) Add(local, new(valueTuple.Elements[i], $"'{local.Name}' is set by a deconstruction", WriteKind.Assign));
                }
                else if (Declared(element) is { } local)
                {
                    Add(local, new(value, $"'{local.Name}' is set by a deconstruction", WriteKind.ElementOf));
                }
            }
        }
    });

    // Whether a call on an object may put its arguments into it: a method of a reference type that returns nothing or
    // the object itself (`list.Add(s)`, `builder.Append(s)`), or one named as adding (`set.Add(s)`, `map.TryAdd(k, s)`).
    // A method that answers something (`source.Equals(other)`, `list.Contains(s)`) does not.
    private static bool Changes(IInvocationOperation call)
    {
        // A delegate's invocation runs it: the delegate holds nothing it is given.
        if (call.Instance?.Type is not { IsReferenceType: true } receiverType || call.TargetMethod.IsStatic || call.TargetMethod.MethodKind == MethodKind.DelegateInvoke) return false;
        var method = call.TargetMethod;
        return method.ReturnsVoid || SymbolEqualityComparer.Default.Equals(method.ReturnType, receiverType)
            || s_adding.Any(prefix => method.Name.StartsWith(prefix, System.StringComparison.Ordinal));
    }

    private static readonly string[] s_adding = ["Add", "TryAdd", "Append", "Insert", "Push", "Enqueue", "Set", "Write", "Put"];

    private static ISymbol? Target(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        // Members of this object or static ones: a member of another object is that object's (see HolderOf).
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false, Instance: null or IInstanceReferenceOperation } property => property.Property,
        _ => null,
    };

    private static ILocalSymbol? Declared(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local,
        IConversionOperation { IsImplicit: true } conversion => Declared(conversion.Operand),
        _ => null,
    };

    // The local, parameter or member of this object whose object a member set or a call changes: `req.Summary = s`,
    // `d[k] = s`, `sb.Append(s).Append(t)`, `into.Add(s)`, `_log.Add(s)`, `_request.Text = s`.
    private static ISymbol? HolderOf(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false }, Instance: null or IInstanceReferenceOperation } own:
                    return Holds(own.Member, own.Type);
                case IMemberReferenceOperation member when !member.Member.IsStatic:
                    operation = member.Instance;
                    continue;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    continue;
                case IInvocationOperation { Instance: not null } chained:
                    operation = chained.Instance;
                    continue;
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    continue;
                case ILocalReferenceOperation local:
                    return Holds(local.Local, local.Type);
                case IParameterReferenceOperation parameter:
                    return Holds(parameter.Parameter, parameter.Type);
                default:
                    return null;
            }
        }

        // Text has no parts to change.
        static ISymbol? Holds(ISymbol symbol, ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String ? null : symbol;
    }

    // The member of a holder (a local, a parameter, a member of this object or a static one) that is set or called on:
    // `Summary` in `req.Summary = s` or `_state.Summary = s`, `Messages` in `chat.Messages.Add(s)`.
    private static ISymbol? MemberOf(IOperation? reference)
    {
        while (reference is IConversionOperation { IsImplicit: true } conversion) reference = conversion.Operand;
        return reference is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol { IsIndexer: false } } member
            && member.Instance is ILocalReferenceOperation or IParameterReferenceOperation or IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation }
            ? member.Member : null;
    }

    private static IOperation? PatternInput(IOperation pattern)
    {
        for (var current = pattern.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IIsPatternOperation isPattern: return isPattern.Value;
                case ISwitchExpressionOperation switchExpression: return switchExpression.Value;
                case ISwitchOperation switchStatement: return switchStatement.Value;
                case IPatternOperation or ISwitchExpressionArmOperation or IPatternCaseClauseOperation or ISwitchCaseOperation or IPropertySubpatternOperation: continue;
                default: return null;
            }
        }

        return null;
    }
}
