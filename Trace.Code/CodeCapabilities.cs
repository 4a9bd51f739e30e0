namespace Opto.Code;

/// <summary>Areas of the .NET API that replacement code may use only when a <see cref="CodePolicy"/> allows them.</summary>
[Flags]
public enum CodeCapabilities
{
    /// <summary>None of the areas below.</summary>
    None = 0,

    /// <summary>Files, directories, paths and streams on disk (<c>System.IO</c> except in-memory readers, writers and streams).</summary>
    FileSystem = 1 << 0,

    /// <summary>Starting, inspecting or ending processes (<c>System.Diagnostics.Process</c>, <c>Environment.Exit</c>, <c>Environment.FailFast</c>).</summary>
    Processes = 1 << 1,

    /// <summary>Network access (<c>System.Net</c> and everything under it).</summary>
    Network = 1 << 2,

    /// <summary>
    /// Environment variables, machine and user details, application data (<c>System.Environment</c>, <c>System.AppContext</c>),
    /// and state that outlives the call: any write to static fields, properties or events (the project's own too) or to what
    /// is reached from them, the current and default cultures, the synchronization and execution context, the shared array pools.
    /// </summary>
    Environment = 1 << 3,

    /// <summary>Reflection, emit, dynamic code and loading (<c>System.Reflection</c>, <c>Activator</c>, <c>dynamic</c>, expression compilation, load contexts).</summary>
    Reflection = 1 << 4,

    /// <summary>
    /// Unsafe code, pointers, P/Invoke and interop (<c>unsafe</c>, <c>DllImport</c>, <c>Marshal</c>, <c>MemoryMarshal</c>, <c>Unsafe</c>),
    /// and any member outside the project that returns a reference or takes a <c>ref</c>/<c>in</c> argument it could offset
    /// or reinterpret (<c>Vector.LoadUnsafe</c>, <c>new Span&lt;T&gt;(ref x)</c>), whatever its namespace.
    /// </summary>
    Unsafe = 1 << 5,

    /// <summary>Threads, the thread pool, timers and parallel loops (<c>Thread</c>, <c>ThreadPool</c>, <c>Task.Run</c>, <c>Parallel</c>, timers).</summary>
    Threads = 1 << 6,

    /// <summary>
    /// Everything outside the project's own assembly and the known-safe part of the base library (<c>System</c>
    /// primitives, collections, LINQ to objects, text, regular expressions, JSON, numerics, globalization, tasks).
    /// Other libraries, XML, cryptography, diagnostics and the like are refused unless allowed here or by namespace
    /// with <see cref="CodePolicy.AllowNamespace"/>.
    /// </summary>
    OtherApis = 1 << 7,

    /// <summary>
    /// Work that can still run, or throw, after the call returns: <c>async void</c> lambdas, anonymous methods and local
    /// functions, awaiters used by hand (<c>GetAwaiter</c>, <c>OnCompleted</c>, <c>UnsafeOnCompleted</c>), async method
    /// builders, <c>Progress&lt;T&gt;</c> (its handler runs later on the thread pool), <c>SynchronizationContext.Post</c>,
    /// and any task the code starts (a value of a type with <c>GetAwaiter</c>, an <c>IAsyncEnumerable&lt;T&gt;</c>, or a
    /// collection, tuple or delegate of them) that is not awaited in the function that starts it. Allowing
    /// <see cref="Threads"/> does not allow this.
    /// </summary>
    Background = 1 << 8,

    /// <summary>Every area.</summary>
    All = FileSystem | Processes | Network | Environment | Reflection | Unsafe | Threads | OtherApis | Background,
}
