using BenchmarkDotNet.Running;
using Trace.Benchmarks;

// `dotnet run -c Release -- --retained [N ...]` measures the memory a graph keeps per node (BenchmarkDotNet measures
// allocations, not retention). Anything else goes to BenchmarkDotNet, e.g. `-- --filter '*TracedCall*' --job short`.
if (args is ["--retained", .. var sizes]) return RetainedMemory.Run(sizes);

BenchmarkSwitcher.FromAssembly(typeof(RetainedMemory).Assembly).Run(args);
return 0;
