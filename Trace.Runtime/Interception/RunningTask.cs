using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Opto.Interception;

/// <summary>
/// How a traced call that returned a task still running reaches its caller, and is recorded when the task completes.
/// </summary>
/// <remarks>
/// The caller gets the method's own task: its identity, status, exceptions (the same instances, with their stack traces),
/// creation options, state, the moment it completes and the order its continuations run in are the program's own. The
/// call is recorded by a continuation registered before the caller could await, and, should the caller be woken first,
/// by the first look-up in the graph (<see cref="PendingCall"/>). One kind of result cannot be linked that way: a string
/// or an empty array the call does not own (a literal; see <see cref="TracedCall.Returned{T}"/>), which the caller must
/// get as the call's copy. A task whose result may be one (a <c>Task&lt;string&gt;</c>, <c>Task&lt;object&gt;</c>,
/// <c>Task&lt;T[]&gt;</c>, an interface an array implements) reaches the caller as another task that completes with it,
/// inline, as it did, unless the program made that task to run its continuations asynchronously or has not started it.
/// </remarks>
internal static class RunningTask
{
    public static Task Watch(TracedCall call, Task task)
    {
        Watch(new PendingTask(call, task));
        return task;
    }

    public static Task<T> Watch<T>(TracedCall call, Task<T> task)
    {
        if (!ResultMayBeShared<T>.Value || MustStayOwn(task))
        {
            Watch(new PendingTask<T>(call, task));
            return task;
        }

        return Mirror(call, task);
    }

    private static void Watch(PendingCall pending)
    {
        pending.Graph.PendingCalls.Add(pending);
        pending.Task.ContinueWith(
            static (_, state) => ((PendingCall)state!).Settle(),
            pending,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    // A task not started (the caller will Start it), or one whose continuations its maker wants run asynchronously (a
    // mirror completed from such a continuation would complete later than it, and need a pool thread to complete at all).
    private static bool MustStayOwn(Task task) =>
        task.Status == TaskStatus.Created || (task.CreationOptions & TaskCreationOptions.RunContinuationsAsynchronously) != 0;

    private static Task<T> Mirror<T>(TracedCall call, Task<T> task)
    {
        var mirror = new TaskCompletionSource<T>(task.AsyncState);
        task.ContinueWith(static (completed, state) =>
        {
            var (call, mirror) = ((TracedCall, TaskCompletionSource<T>))state!;
            if (completed.IsCompletedSuccessfully)
            {
                mirror.SetResult(call.Returned(completed.Result));
                return;
            }

            call.Threw(Failure(completed));
            if (completed.IsCanceled) SetCanceledAs(mirror, completed);
            else mirror.SetException(completed.Exception!.InnerExceptions);
        }, (call, mirror), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return mirror.Task;
    }

    /// <summary>
    /// What awaiting a failed task throws, without throwing it: the first exception of a faulted task; for a canceled one,
    /// the cancellation exception it holds, or the <see cref="TaskCanceledException"/> awaiting it would make.
    /// </summary>
    public static Exception Failure(Task completed) =>
        completed.IsCanceled
            ? CancellationOf(completed)?.SourceException ?? new TaskCanceledException(completed)
            : completed.Exception!.InnerExceptions[0];

    // The mirror canceled with the very exception the task holds (its type, message, inner exception, stack trace), as
    // the compiler's async methods do; with the task's token only where this runtime does not offer that.
    private static void SetCanceledAs<T>(TaskCompletionSource<T> mirror, Task canceled)
    {
        var held = CancellationOf(canceled);
        var token = held?.SourceException is OperationCanceledException exception ? exception.CancellationToken : CancellationToken.None;
        try
        {
            if (held is not null && TrySetCanceled(mirror.Task, token, held)) return;
        }
        catch (MissingMethodException)
        {
        }

        mirror.TrySetCanceled(token);
    }

    private static ExceptionDispatchInfo? CancellationOf(Task canceled)
    {
        try
        {
            return GetCancellationExceptionDispatchInfo(canceled);
        }
        catch (MissingMethodException)
        {
            return null;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "GetCancellationExceptionDispatchInfo")]
    private static extern ExceptionDispatchInfo? GetCancellationExceptionDispatchInfo(Task task);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "TrySetCanceled")]
    private static extern bool TrySetCanceled(Task task, CancellationToken tokenToRecord, object? cancellationException);

    // Whether a result of static type T may be a string or an empty array, which the call may have to copy to own.
    private static class ResultMayBeShared<T>
    {
        public static readonly bool Value = !typeof(T).IsValueType && (typeof(T).IsAssignableFrom(typeof(string)) || typeof(T).IsArray
            || typeof(T).IsAssignableFrom(typeof(Array)) || ArrayImplements(typeof(T)));

        private static bool ArrayImplements(Type type) =>
            type.IsInterface && type.IsGenericType && type.GetGenericArguments() is [var element] && !element.IsByRefLike && !element.IsPointer
            && type.IsAssignableFrom(element.MakeArrayType());
    }

    private sealed class PendingTask(TracedCall call, Task task) : PendingCall(call.Graph, task)
    {
        private TracedCall _call = call;

        protected override void Record()
        {
            if (Task.IsCompletedSuccessfully) _call.Returned();
            else _call.Threw(Failure(Task));
        }
    }

    private sealed class PendingTask<T>(TracedCall call, Task<T> task) : PendingCall(call.Graph, task)
    {
        private TracedCall _call = call;

        protected override void Record()
        {
            if (!Task.IsCompletedSuccessfully)
            {
                _call.Threw(Failure(Task));
                return;
            }

            var result = task.Result;
            if (!ReferenceEquals(_call.Returned(result), result) && !typeof(T).IsValueType)
            {
                TraceLogging.Warn("Opto.Tracing", TraceLogging.ResultNotLinked,
                    $"'{_call.MethodName}' returned a task that runs its continuations asynchronously (or that was not started), and " +
                    "its result is a string or an empty array the call does not own (a literal, a string the runtime shares, an argument " +
                    "passed back): its caller got the task as it is, so this result is not linked to the call, and a traced call it is " +
                    "passed to records it as a new input. Return a string the method makes, or await that task in an async method.");
            }
        }
    }
}
