using System.Diagnostics;
using System.Runtime.CompilerServices;
using Opto;
using Opto.Interception;

namespace Trace.Benchmarks;

/// <summary>
/// The run-time cost of recording through one shared generic helper per call shape (a call of a static lambda), which
/// would make the generated code per call site smaller, against the recorded method the generator writes per call site
/// today. Both interceptors are written here by hand for one method; the two loops alternate in one process.
/// </summary>
internal static class SharedRecordingHelper
{
    private const int Calls = 1000;
    private const int Invocations = 20_000;
    private const string Key = "M:Trace.Benchmarks.SharedRecordingHelper.Picker.Longer(System.String,System.String)";

    private static readonly OperatorInfo Operator = new(Key, "Longer", ["a", "b"], typeof(string));

    /// <summary>Runs <paramref name="args"/>[0] (leaf or tracked) for 8 rounds and prints ns and bytes per call of each variant.</summary>
    public static int Run(string[] args)
    {
        var tracked = args is ["tracked", ..];
        OperatorCatalog.Register(Key, null, callsTracedCode: tracked);
        var picker = new Picker();
        var (a, b) = (new string('a', 3), new string('b', 2));
        var variants = new (string Name, Func<int> Body)[]
        {
            ("recorded method per site", () => Loop(picker, a, b, PerSite)),
            ("shared helper", () => Loop(picker, a, b, ViaHelper)),
        };
        for (var round = 0; round < 8; round++)
        {
            foreach (var (name, body) in variants)
            {
                for (var i = 0; i < 2_000; i++) body();
                var window = GcWindow.Start();
                for (var i = 0; i < Invocations; i++) body();
                window.Stop();
                var calls = Invocations * (double)Calls;
                Console.WriteLine($"{(tracked ? "tracked" : "leaf")}, {name}: {window.Elapsed.TotalNanoseconds / calls:F1} ns and {window.Allocated / calls:F1} B per call");
            }
        }

        return 0;
    }

    private static int Loop(Picker picker, string a, string b, Func<Picker, string, string, string> call)
    {
        using var scope = TraceScope.Begin();
        for (var i = 0; i < Calls; i++) a = call(picker, a, b);
        return scope.Graph.Count;
    }

    // What the generator writes today.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static string PerSite(Picker @this, string a, string b) =>
        TraceScope.Current is { } scope ? Recorded(scope, @this, a, b) : @this.Longer(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Recorded(TraceScope scope, Picker @this, string a, string b)
    {
        var call = new TracedCall(scope, Operator, @this);
        call.Arg<string>(0, a);
        call.Arg<string>(1, b);
        try
        {
            return call.Returned<string>(@this.Longer(a, b));
        }
        catch (Exception exception) when (call.Threw(exception))
        {
            throw;
        }
    }

    // The alternative: the call site passes its call as a static lambda to a helper shared by every call of this shape.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static string ViaHelper(Picker @this, string a, string b) =>
        TraceScope.Current is { } scope ? Record(scope, Operator, @this, a, b, static (picker, a, b) => picker.Longer(a, b)) : @this.Longer(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TResult Record<TReceiver, T1, T2, TResult>(TraceScope scope, OperatorInfo op, TReceiver receiver, T1 a1, T2 a2, Func<TReceiver, T1, T2, TResult> body)
        where TReceiver : class
    {
        var call = new TracedCall(scope, op, receiver);
        call.Arg(0, a1);
        call.Arg(1, a2);
        try
        {
            return call.Returned(body(receiver, a1, a2));
        }
        catch (Exception exception) when (call.Threw(exception))
        {
            throw;
        }
    }

    /// <summary>An untraced method: both interceptors above are written by hand.</summary>
    internal sealed class Picker
    {
        public string Longer(string a, string b) => a.Length >= b.Length ? a : b;
    }
}
