using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Opto.Interception;

namespace Opto;

/// <summary>
/// The result of a traced iterator (a method with <c>yield return</c>, sync or async) is a sequence no one has read yet: its
/// elements exist only as the caller enumerates it. So the caller is handed a pass-through over the compiler's iterator
/// that gives each element, as it is read, the traced call as its producer (<c>stream0[2]</c>), as a returned list's
/// elements have. It reads nothing the caller does not, in the same order, on the caller's thread, and passes every
/// value, exception, cancellation and disposal on unchanged. Only the compiler's own iterator objects are wrapped: any
/// other sequence a traced method returns is handed on as it is.
/// </summary>
internal static class IteratorStreams
{
    private static readonly ConcurrentDictionary<Type, bool> s_iterators = new();

    /// <summary>Whether <paramref name="value"/> is an iterator object the C# compiler made for a method with <c>yield</c>.</summary>
    public static bool IsCompilerIterator(object value)
    {
        var type = value.GetType();
        return s_iterators.TryGetValue(type, out var known) ? known : Remember(type);

        static bool Remember(Type type)
        {
            var iterator = type.IsNestedPrivate && type.Name.StartsWith('<') && type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);
            // An unloadable assembly's type is not kept (a static reference would keep it loaded).
            if (!type.IsCollectible) s_iterators.TryAdd(type, iterator);
            return iterator;
        }
    }
}

/// <summary>How a result of static type <typeparamref name="T"/> is wrapped, when it is a sequence an iterator can return.</summary>
internal static class IteratorStreams<T>
{
    /// <summary>Null unless <typeparamref name="T"/> is <c>IEnumerable&lt;E&gt;</c> or <c>IAsyncEnumerable&lt;E&gt;</c>.</summary>
    public static readonly Func<T, StreamSink, T>? Wrap = Create();

    private static Func<T, StreamSink, T>? Create()
    {
        if (!typeof(T).IsInterface || !typeof(T).IsGenericType) return null;
        var definition = typeof(T).GetGenericTypeDefinition();
        var wrapper = definition == typeof(IEnumerable<>) ? typeof(RecordedSequence<>)
            : definition == typeof(IAsyncEnumerable<>) ? typeof(RecordedAsyncSequence<>)
            : null;
        if (wrapper is null) return null;
        var make = wrapper.MakeGenericType(typeof(T).GetGenericArguments()).GetMethod("Over", BindingFlags.Public | BindingFlags.Static)!;
        return make.CreateDelegate<Func<T, StreamSink, T>>();
    }
}

/// <summary>
/// Where a traced iterator's elements go as they are read: the call's node, once it is recorded. The iterator's body runs
/// only as its sequence is read (and disposed), after the call returned it: for each step of it, the call is made the
/// running one again (when the compiler saw its body make traced calls), so the traced calls the step makes are its nested
/// calls. What they depended on is reported to the call running where the step was read, as a nested call's dependencies
/// are, and every element read after it is linked to those parameters too, besides the call.
/// </summary>
internal sealed class StreamSink(TraceGraph graph, OperatorInfo op, object? receiver)
{
    private Node? _node;
    private int _read;
    // The frame the last step ran in: the next step, read where the same call runs, runs in it again.
    private CallFrame? _step;
    // The parameters the steps' nested calls depended on so far, each once (replaced whole: read without a lock).
    private ParameterNode[] _late = [];

    public void Recorded(Node node) => Volatile.Write(ref _node, node);

    public void Read(object? element)
    {
        var index = Interlocked.Increment(ref _read) - 1;
        if (Volatile.Read(ref _node) is not { } node || !TracedCall.IsLinkableElement(element)) return;
        var expression = $"{node.Name}[{index}]";
        Add(node, element, expression);
        // A streamed reply's contents: the tool call the model asked for arrives in an update.
        if (element is Microsoft.Extensions.AI.ChatResponseUpdate { Contents: { } contents } && StoredElements.CanRead(contents))
        {
            for (var i = 0; i < contents.Count; i++)
            {
                if (TracedCall.IsLinkableElement(contents[i])) Add(node, contents[i], $"{expression}.Contents[{i}]");
            }
        }
    }

    private void Add(Node node, object element, string expression)
    {
        if (Volatile.Read(ref _late) is { Length: > 0 } late) graph.AddStreamElement(node, element, expression, late);
        else graph.AddElements(node, [(element, expression)]);
    }

    /// <summary>Makes the iterator's call the running one for a step of its body; null when its body makes no traced call.</summary>
    public CallFrame? EnterStep(out CallFrame.Entry entry)
    {
        entry = default;
        if (!op.CallsTracedCode) return null;
        if (Volatile.Read(ref _step) is { } last && ReferenceEquals(last.Parent, CallFrame.Current))
        {
            last.Resume(out entry);
            return last;
        }

        var step = CallFrame.Enter(op, receiver, out entry);
        Volatile.Write(ref _step, step);
        return step;
    }

    /// <summary>Makes the call running before the step the running one again, once the step has returned (or returned its task).</summary>
    public static void ExitStep(CallFrame? step, ref CallFrame.Entry entry) => step?.Exit(ref entry);

    /// <summary>Once the step completed: what its nested calls depended on goes to the reader's call, and to the elements read from now on.</summary>
    public void StepCompleted(CallFrame? step)
    {
        if (step?.TakeReported() is not { } reported) return;
        lock (this)
        {
            var late = _late;
            var added = reported.Where(p => Array.IndexOf(late, p) < 0).ToArray();
            if (added.Length > 0)
            {
                Volatile.Write(ref _late, late = [.. late, .. added]);
                // For glue made from what was read (`Summaries(docs).First() + "!"`), which reaches the call's node.
                if (Volatile.Read(ref _node) is { } node) graph.SetLateDependencies(node, late);
            }
        }

        step.Parent?.Report(reported);
    }
}

/// <summary>A traced iterator's sequence, read through: see <see cref="IteratorStreams"/>.</summary>
internal sealed class RecordedSequence<TElement>(IEnumerable<TElement> source, StreamSink sink) : IEnumerable<TElement>
{
    public static IEnumerable<TElement> Over(IEnumerable<TElement> source, StreamSink sink) => new RecordedSequence<TElement>(source, sink);

    public IEnumerator<TElement> GetEnumerator() => new Reader(source.GetEnumerator(), sink);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Reader(IEnumerator<TElement> inner, StreamSink sink) : IEnumerator<TElement>
    {
        public TElement Current => inner.Current;

        object? IEnumerator.Current => ((IEnumerator)inner).Current;

        public bool MoveNext()
        {
            var step = sink.EnterStep(out var entry);
            bool more;
            try
            {
                more = inner.MoveNext();
            }
            finally
            {
                StreamSink.ExitStep(step, ref entry);
                sink.StepCompleted(step);
            }

            if (more) sink.Read(inner.Current);
            return more;
        }

        public void Reset() => inner.Reset();

        // Disposing runs what is left of the body (its finally blocks), as a step does.
        public void Dispose()
        {
            var step = sink.EnterStep(out var entry);
            try
            {
                inner.Dispose();
            }
            finally
            {
                StreamSink.ExitStep(step, ref entry);
                sink.StepCompleted(step);
            }
        }
    }
}

/// <summary>A traced async iterator's stream, read through: see <see cref="IteratorStreams"/>.</summary>
internal sealed class RecordedAsyncSequence<TElement>(IAsyncEnumerable<TElement> source, StreamSink sink) : IAsyncEnumerable<TElement>
{
    public static IAsyncEnumerable<TElement> Over(IAsyncEnumerable<TElement> source, StreamSink sink) => new RecordedAsyncSequence<TElement>(source, sink);

    public IAsyncEnumerator<TElement> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Reader(source.GetAsyncEnumerator(cancellationToken), sink);

    private sealed class Reader(IAsyncEnumerator<TElement> inner, StreamSink sink) : IAsyncEnumerator<TElement>
    {
        public TElement Current => inner.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            // The step's continuations after an await run in the context it started in, with its call running.
            var step = sink.EnterStep(out var entry);
            ValueTask<bool> moved;
            try
            {
                moved = inner.MoveNextAsync();
            }
            finally
            {
                StreamSink.ExitStep(step, ref entry);
            }

            if (!moved.IsCompletedSuccessfully) return Later(moved, step);
            // Its result is read once (a task source may not be read twice): the caller gets a completed one of its own.
            var more = moved.Result;
            sink.StepCompleted(step);
            if (more) sink.Read(inner.Current);
            return new ValueTask<bool>(more);
        }

        private async ValueTask<bool> Later(ValueTask<bool> moved, CallFrame? step)
        {
            bool more;
            try
            {
                more = await moved.ConfigureAwait(false);
            }
            finally
            {
                sink.StepCompleted(step);
            }

            if (more) sink.Read(inner.Current);
            return more;
        }

        // Disposing runs what is left of the body (its finally blocks), as a step does.
        public ValueTask DisposeAsync()
        {
            var step = sink.EnterStep(out var entry);
            ValueTask disposed;
            try
            {
                disposed = inner.DisposeAsync();
            }
            finally
            {
                StreamSink.ExitStep(step, ref entry);
            }

            if (disposed.IsCompletedSuccessfully)
            {
                sink.StepCompleted(step);
                return disposed;
            }

            return Later(disposed, step);
        }

        private async ValueTask Later(ValueTask disposed, CallFrame? step)
        {
            try
            {
                await disposed.ConfigureAwait(false);
            }
            finally
            {
                sink.StepCompleted(step);
            }
        }
    }
}
