using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// The reads of <c>[Trainable]</c> fields and properties whose values may reach a traced call's argument in glue code: in
/// the argument itself, in what a local it reads was set to, and in what an untraced method of the project or a computed
/// property it calls returns. Only the first two can be linked at run time (the compiler's flow carries them); a read
/// inside another method is never part of the glue, so each such read comes with why.
/// </summary>
internal static class TrainableGlueReads
{
    private const int MaxDepth = 8;

    /// <summary>A read of a trainable member, with why it cannot be linked when it is read in another method (null otherwise).</summary>
    public readonly record struct Read(IMemberReferenceOperation Member, string? Elsewhere);

    public static IReadOnlyList<Read> Of(IOperation value, TraceAttributes attributes, OtherMembers? others)
    {
        var reads = new List<Read>();
        var root = value;
        while (root.Parent is not null) root = root.Parent;
        var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var visitedMethods = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        Walk(value, null, 0);
        return reads;

        void Walk(IOperation operation, string? elsewhere, int depth)
        {
            if (depth > MaxDepth) return;
            foreach (var part in operation.DescendantsAndSelf())
            {
                switch (part)
                {
                    case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } read when attributes.Trainable(read.Member) is not null && !HelperReads.IsWrite(read):
                        reads.Add(new Read(read, elsewhere));
                        break;
                    case ILocalReferenceOperation local when elsewhere is null && visited.Add(local.Local) && MemberWrites.In(root).TryGetValue(local.Local, out var writes):
                        // What a local of this function was set to: glue the compiler's flow may carry.
                        foreach (var write in writes.Where(w => w.Kind is MemberWrites.WriteKind.Assign or MemberWrites.WriteKind.Transform))
                        {
                            Walk(write.Value is ICompoundAssignmentOperation compound ? compound.Value : write.Value, null, depth + 1);
                        }

                        break;
                    case IInvocationOperation call when others is not null && !attributes.IsTracedOrOverridesTraced((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition)
                        && visitedMethods.Add(call.TargetMethod.OriginalDefinition):
                        // What an untraced method of the project returns (`Build(x)` returning `Prompt + x`).
                        var name = call.TargetMethod.Name;
                        foreach (var returned in others.ReturnsOf(call.TargetMethod))
                        {
                            Walk(returned, elsewhere ?? $"it is read in '{name}', which is not traced; make '{name}' [Traced], or read the value in the argument itself", depth + 1);
                        }

                        break;
                    case IPropertyReferenceOperation { Property: { IsIndexer: false, GetMethod: { } getter } computed } when others is not null && !GlueFlow.IsAutoProperty(computed)
                        && attributes.Trainable(computed) is null && visitedMethods.Add(getter.OriginalDefinition):
                        foreach (var returned in others.ReturnsOf(getter))
                        {
                            Walk(returned, elsewhere ?? $"it is read in the property '{computed.Name}', whose getter is not traced; make it a [Traced] method, or read the value in the argument itself", depth + 1);
                        }

                        break;
                }
            }
        }
    }
}
