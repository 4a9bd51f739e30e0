using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Analyzers;

/// <summary>
/// The values each local and field of a member is given (initializers and the right-hand sides of assignments). Asked
/// for each local of each argument of each traced call, so a member is walked once for all of them, and the answer
/// lives as long as the member's operations.
/// </summary>
internal static class MemberWrites
{
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ISymbol, List<IOperation>>> s_writes = new();

    public static Dictionary<ISymbol, List<IOperation>> In(IOperation root) => s_writes.GetValue(root, static r =>
    {
        var writes = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        void Add(ISymbol symbol, IOperation value)
        {
            if (!writes.TryGetValue(symbol, out var values)) writes[symbol] = values = [];
            values.Add(value);
        }

        foreach (var operation in r.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer) is { } initializer) Add(declarator.Symbol, initializer.Value);
                    break;
                case ISimpleAssignmentOperation assignment when Target(assignment.Target) is { } target:
                    Add(target, assignment.Value);
                    break;
                case ICompoundAssignmentOperation compound when Target(compound.Target) is { } target:
                    Add(target, compound.Value);
                    break;
            }
        }

        return writes;
    });

    private static ISymbol? Target(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        _ => null,
    };
}
