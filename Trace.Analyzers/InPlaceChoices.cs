using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Opto.Generators.Parsing;

namespace Opto.Analyzers;

/// <summary>
/// The calls of a member that choose, by a lambda, which elements of a collection stay in it or in which order they are, in
/// place: <c>docs.RemoveAll(d =&gt; !IsRelevant(d))</c>, <c>set.RemoveWhere(...)</c>, <c>docs.Sort((a, b) =&gt; ...)</c>,
/// <c>Array.Sort(docs, (a, b) =&gt; ...)</c>. What is read of the collection afterwards was chosen by the lambda's calls, and no
/// edge follows that choice. Found once per member, by the local, parameter or member whose object they change.
/// </summary>
internal static class InPlaceChoices
{
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ISymbol, List<IInvocationOperation>>> s_choices = new();

    /// <summary>The calls in <paramref name="root"/> that choose among the elements of what <paramref name="holder"/> holds.</summary>
    public static IReadOnlyList<IInvocationOperation> Of(IOperation root, ISymbol holder) =>
        s_choices.GetValue(root, Find).TryGetValue(holder, out var calls) ? calls : [];

    /// <summary>Whether <paramref name="method"/> is one of the framework's that removes or sorts a collection's elements in place by a lambda.</summary>
    public static bool Is(IMethodSymbol method) => method.DeclaringSyntaxReferences.Length == 0 && method switch
    {
        { Name: "RemoveAll" or "RemoveWhere" or "Sort", IsStatic: false } => GlueFlow.IsFramework(method.ContainingType, "System.Collections.Generic"),
        { Name: "Sort", IsStatic: true, ContainingType.SpecialType: SpecialType.System_Array } => true,
        _ => false,
    };

    /// <summary>Whether the call removes elements of a collection in place (<c>RemoveAll</c>, <c>RemoveWhere</c>), rather than
    /// ordering them.</summary>
    public static bool Removes(IInvocationOperation call) => call.TargetMethod.Name is "RemoveAll" or "RemoveWhere";

    private static Dictionary<ISymbol, List<IInvocationOperation>> Find(IOperation root)
    {
        var found = new Dictionary<ISymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);
        foreach (var call in root.Descendants().OfType<IInvocationOperation>())
        {
            if (Changed(call) is not { } changed || MemberWrites.HolderOf(changed) is not { } holder) continue;
            if (!found.TryGetValue(holder, out var calls)) found[holder] = calls = [];
            calls.Add(call);
        }

        return found;
    }

    // The collection a framework call changes by a lambda it is given: the list or set it is called on, or the array
    // `Array.Sort` is given first.
    private static IOperation? Changed(IInvocationOperation call)
    {
        if (!Is(call.TargetMethod) || !call.Arguments.Any(a => a.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation })) return null;
        return call.TargetMethod.IsStatic ? call.Arguments[0].Value : call.Instance;
    }
}
