namespace Trace.Benchmarks;

/// <summary>
/// Runs one case of <see cref="TracedCallBenchmarks"/> in a plain loop in this process, for a profiler (`perf record`)
/// to attach to: BenchmarkDotNet runs each case in a child process. Prints time and bytes allocated per call; the
/// figures to report are BenchmarkDotNet's.
/// </summary>
internal static class CallLoop
{
    private static readonly Dictionary<string, Func<TracedCallBenchmarks, int>> Cases = new()
    {
        ["leaf"] = static b => b.TracedOn(),
        ["tracked"] = static b => b.TracedOnTracked(),
        ["glue"] = static b => b.TracedOnGlue(),
        ["fresh"] = static b => b.TracedOnFreshInputs(),
        ["waiting"] = static b => b.TracedOnElementsWaiting(),
    };

    public static int Run(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "glue";
        if (!Cases.TryGetValue(name, out var invoke))
        {
            Console.Error.WriteLine($"Unknown case '{name}': use one of {string.Join(", ", Cases.Keys)}.");
            return 2;
        }

        var invocations = args.Length > 1 && int.TryParse(args[1], out var count) && count > 0 ? count : 20_000;
        var contextValues = args.Length > 2 && int.TryParse(args[2], out var values) && values > 0 ? values : 0;
        SetUnrelatedContextValues(contextValues);
        var benchmarks = new TracedCallBenchmarks();
        benchmarks.Setup();
        for (var i = 0; i < 2_000; i++) invoke(benchmarks);

        var window = GcWindow.Start();
        for (var i = 0; i < invocations; i++) invoke(benchmarks);
        window.Stop();
        var calls = invocations * (double)TracedCallBenchmarks.Calls;
        Console.WriteLine(
            $"{name}{(contextValues > 0 ? $" ({contextValues} other async-local values in the flow)" : "")}: {window.Elapsed.TotalNanoseconds / calls:F1} ns and {window.Allocated / calls:F1} B per call; " +
            $"GC pauses {window.Pause.TotalNanoseconds / calls:F1} ns per call; collections {window.Collections}");
        return 0;
    }

    // What an application's flow often holds besides the trace (a request, an activity, a logging scope): the runtime
    // stores up to three async-local values in small fixed maps, more in a dictionary copied on every change.
    private static readonly List<AsyncLocal<object>> UnrelatedValues = [];

    private static void SetUnrelatedContextValues(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var value = new AsyncLocal<object>();
            value.Value = new object();
            UnrelatedValues.Add(value);
        }
    }
}
