using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Opto.Generators.Parsing;

internal static partial class GlueFlow
{
    /// <summary>
    /// The task whose result an element read is, when it reads a constant index of the array <c>await Task.WhenAll(a, b)</c>
    /// returned, with the tasks written out (<c>Task.WhenAll(a, b)</c>, <c>Task.WhenAll([a, b])</c>), directly or through a
    /// local that is only ever read an element at a time (no code is handed the array to change it): <c>results[1]</c> is
    /// b's result. Null otherwise; <paramref name="whyNot"/> then says why, when the element is one of such an array's.
    /// </summary>
    public static IOperation? AwaitedTaskAt(IOperation element, IOperation function, out string? whyNot)
    {
        whyNot = null;
        if (element is not IArrayElementReferenceOperation { Indices.Length: 1 } read) return null;
        var array = Unwrap(read.ArrayReference);
        var local = array as ILocalReferenceOperation;
        if (local is not null)
        {
            if (SingleAssignment(local.Local, function) is not { } initializer) return null;
            array = Unwrap(initializer);
        }

        if (!IsWhenAll(array, out var whenAll)) return null;
        var written = WrittenTasks(whenAll);
        if (written.IsDefault)
        {
            whyNot = $"it is one of the results of '{Shown(whenAll.Syntax.ToString())}', whose tasks are not written out in the call; write them out (Task.WhenAll(a, b)) to read each result by its place";
            return null;
        }

        if (read.Indices[0].ConstantValue is not { HasValue: true, Value: int index } || index < 0 || index >= written.Length)
        {
            whyNot = $"it is read from the results of 'Task.WhenAll' at '{Shown(read.Syntax.ToString())}', whose index the compiler cannot tell; read each result at a constant index (results[0])";
            return null;
        }

        if (local is not null && ChangeOfElements(local.Local, function) is { } change)
        {
            whyNot = $"the results of 'Task.WhenAll' in '{local.Local.Name}' may be changed before they are read ({Shown(change.Syntax.ToString())}); only read them, each at a constant index";
            return null;
        }

        return written[index];
    }

    // `Task.WhenAll(...)`, unwrapped of its `await`: a task has no elements to read.
    private static bool IsWhenAll(IOperation operation, out IInvocationOperation whenAll)
    {
        whenAll = (operation as IInvocationOperation)!;
        return operation is IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true, ContainingType: var taskType }, Arguments.Length: 1 } && KnownTypes.IsTask(taskType);
    }

    // The tasks `Task.WhenAll` is given when they are written out in the call (`Task.WhenAll(a, b)`, `Task.WhenAll([a, b])`),
    // in the order of the results; default otherwise.
    private static ImmutableArray<IOperation> WrittenTasks(IInvocationOperation whenAll) => Unwrap(whenAll.Arguments[0].Value) switch
    {
        IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
        ICollectionExpressionOperation collection when !collection.Elements.Any(e => e is ISpreadOperation) => collection.Elements,
        _ => default,
    };

    // A use of the array other than reading an element: writing one, or handing the array to code that may.
    private static IOperation? ChangeOfElements(ILocalSymbol local, IOperation function)
    {
        foreach (var reference in LocalsOf(Root(function))[local].References)
        {
            if (reference.Parent is IArrayElementReferenceOperation element && ReferenceEquals(element.ArrayReference, reference) && !IsWriteTarget(element)) continue;
            return reference.Parent is IArrayElementReferenceOperation written ? written.Parent ?? written : StatementOf(reference);
        }

        return null;
    }

    // The statement that holds the operation, shown without its `;` when it is an expression.
    private static IOperation StatementOf(IOperation operation)
    {
        while (operation.Parent is { } parent and not IBlockOperation) operation = parent;
        return operation is IExpressionStatementOperation expression ? expression.Operation : operation;
    }
}
