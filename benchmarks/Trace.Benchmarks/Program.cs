using BenchmarkDotNet.Running;
using Trace.Benchmarks;

// `dotnet run -c Release -- --retained [N ...]` measures the memory a graph keeps per node (BenchmarkDotNet measures
// allocations, not retention). Anything else goes to BenchmarkDotNet, e.g. `-- --filter '*TracedCall*' --job short`.
if (args is ["--retained", .. var sizes]) return RetainedMemory.Run(sizes);

// `-- --prompt-tokens [N ...]` prints OptoPrime's prompt size in o200k tokens for graphs of N nodes (default 10, 100, 1000).
if (args is ["--prompt-tokens", .. var promptSizes]) return PromptTokens.Run(promptSizes);

BenchmarkSwitcher.FromAssembly(typeof(RetainedMemory).Assembly).Run(args);
return 0;
