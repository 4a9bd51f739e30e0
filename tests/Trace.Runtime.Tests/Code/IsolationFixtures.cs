using Opto;
using Opto.Code.Isolation;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Code;

/// <summary>A trainable method and host methods that do what no in-process guard can stop.</summary>
public class Hazards
{
    /// <summary>Computes something from n.</summary>
    [Trainable]
    public int Compute(int n) => n;

    /// <summary>Host code that recurses without end: a stack overflow no checkpoint of replacement code sees.</summary>
    public int Overflow(int n) => Overflow(n + 1) + 1;

    /// <summary>Host code that never returns and never reaches a checkpoint.</summary>
    public int Spin()
    {
        var x = 0;
        while (Volatile.Read(ref x) == 0) { }
        return x;
    }
}

/// <summary>Calls <see cref="Hazards.Compute"/>.</summary>
public sealed class ComputeTrial : ICodeTrial<int, int>
{
    /// <inheritdoc />
    public Task<int> RunAsync(int input, CancellationToken cancellationToken) => Task.FromResult(new Hazards().Compute(input));
}

/// <summary>Sorts with <see cref="Sorter.StrangeSort"/>.</summary>
public sealed class StrangeSortTrial : ICodeTrial<List<int>, List<int>>
{
    /// <inheritdoc />
    public Task<List<int>> RunAsync(List<int> input, CancellationToken cancellationToken) => Task.FromResult(new Sorter().StrangeSort(input));
}

/// <summary>What a <see cref="WalkTrial"/> runs: a call of <see cref="Recurser.Walk"/> on a thread with a given stack.</summary>
public sealed record WalkInput(int Start, int StackSize);

/// <summary>Calls <see cref="Recurser.Walk"/> on a thread of its own, rethrowing what the call ended with.</summary>
public sealed class WalkTrial : ICodeTrial<WalkInput, int>
{
    /// <inheritdoc />
    public Task<int> RunAsync(WalkInput input, CancellationToken cancellationToken)
    {
        Exception? error = null;
        var result = 0;
        var thread = new Thread(() =>
        {
            try { result = new Recurser().Walk(input.Start); }
            catch (Exception e) { error = e; }
        }, input.StackSize);
        thread.Start();
        thread.Join();
        return error is null ? Task.FromResult(result) : Task.FromException<int>(error);
    }
}
