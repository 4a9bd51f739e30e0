using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Opto.Generators.Parsing;

/// <summary>Runs independent readings in parallel when the compilation allows a concurrent build (the compiler's default).</summary>
internal static class Concurrently
{
    public static void For(Compilation compilation, int count, Action<int> body, CancellationToken cancellationToken)
    {
        if (compilation.Options.ConcurrentBuild && count > 1)
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, body);
            return;
        }

        for (var i = 0; i < count; i++) body(i);
    }
}
