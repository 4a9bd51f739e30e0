using BenchmarkDotNet.Attributes;
using Opto;

namespace Trace.Benchmarks;

/// <summary>
/// A traced call whose body reads a trainable member on every element of a list it holds
/// (<c>_tools.Select(t =&gt; t.Description)</c>): at completion the list is read again and each element's parameter is a
/// dependency. Against the same body over a member that is not trainable, per call, for lists of 1 to 100 elements.
/// </summary>
[MemoryDiagnoser]
public class ElementDependencyBenchmarks
{
    private const int Calls = 100;
    private Toolbox _toolbox = null!;
    private string _question = null!;

    /// <summary>Tools in the list.</summary>
    [Params(1, 10, 100)]
    public int Tools { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _toolbox = new Toolbox(Tools);
        _question = new string('q', 8);
    }

    /// <summary>The same body over a member that is not trainable: no dependency to read at completion.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "Traced, a plain member of every element")]
    public int PlainMember()
    {
        using var scope = TraceScope.Begin();
        for (var i = 0; i < Calls; i++) _toolbox.Names(_question);
        return scope.Graph.Count;
    }

    /// <summary>The same body with tracing off: what the body itself costs.</summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "Tracing off, the member of every element")]
    public int EveryElementOff()
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++) sum += _toolbox.Menu(_question);
        return sum;
    }

    /// <summary>The body reads the member on every element: the list read again, a parameter per element.</summary>
    [Benchmark(OperationsPerInvoke = Calls, Description = "Traced, the member of every element")]
    public int EveryElement()
    {
        using var scope = TraceScope.Begin();
        for (var i = 0; i < Calls; i++) _toolbox.Menu(_question);
        return scope.Graph.Count;
    }
}

/// <summary>A tool whose description is trainable.</summary>
public sealed class BenchTool
{
    /// <summary>What the tool does.</summary>
    [Trainable("What the tool does.")]
    public string Description { get; set; } = "Does one thing.";

    /// <summary>The tool's name.</summary>
    public string Name { get; set; } = "tool";
}

/// <summary>A holder of tools whose traced methods read their descriptions.</summary>
public sealed class Toolbox(int tools)
{
    private readonly List<BenchTool> _tools = [.. Enumerable.Range(0, tools).Select(_ => new BenchTool())];

    /// <summary>Reads every tool's name.</summary>
    [Traced]
    public int Names(string q) => _tools.Sum(t => t.Name.Length) + q.Length;

    /// <summary>Reads every tool's description.</summary>
    [Traced]
    public int Menu(string q) => _tools.Sum(t => t.Description.Length) + q.Length;
}
