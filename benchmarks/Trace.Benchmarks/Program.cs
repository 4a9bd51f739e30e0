using BenchmarkDotNet.Running;
using Trace.Benchmarks;

// `dotnet run -c Release -- --retained [N ...]` measures the memory a graph keeps per node (BenchmarkDotNet measures
// allocations, not retention). Anything else goes to BenchmarkDotNet, e.g. `-- --filter '*TracedCall*' --job short`.
if (args is ["--retained", .. var sizes]) return RetainedMemory.Run(sizes);

// `-- --prompt-tokens [N ...]` prints OptoPrime's prompt size in o200k tokens for graphs of N nodes (default 10, 100, 1000).
if (args is ["--prompt-tokens", .. var promptSizes]) return PromptTokens.Run(promptSizes);

// `-- --dump-prompts <dir>` writes OptoPrime's system and user prompts for the 10-node conversation and the fan-in.
if (args is ["--dump-prompts", var promptDirectory]) return PromptTokens.Dump(promptDirectory);

// `-- --shapes [N ...]` times backward and the prompt once per graph shape (a quick look; GraphShapeBenchmarks reports).
if (args is ["--shapes", .. var shapeSizes]) return ShapeTimings.Run(shapeSizes);

// `-- --prompt-compare` prints tokens per section of OptoPrime's prompt against the Python original's (PythonReference).
if (args is ["--prompt-compare"]) return PromptComparison.Run();

// `-- --optimizer-cost` prints the requests and prompt tokens of one step of each optimizer for the same graphs.
if (args is ["--optimizer-cost"]) return OptimizerCost.Run();

// `-- --count-tokens <file> ...` prints each file's size in o200k_base tokens.
if (args is ["--count-tokens", .. var files]) return PromptComparison.Count(files);

// `-- --recording-gc [N ...]` records a chain of N calls and prints time, collections and GC pause per node.
if (args is ["--recording-gc", .. var gcSizes]) return RecordingGc.Run(gcSizes);

// `-- --recording-floor [N ...]` does only what recording must store per call with one object per node (no library
// code), printed as --recording-gc prints, to compare the two.
if (args is ["--recording-floor", .. var floorSizes]) return RecordingFloor.Run(floorSizes);

// `-- --call-loop leaf|tracked|glue|fresh|waiting [invocations] [other async-local values]` runs one traced-call case in a loop in
// this process, for a profiler; the last number sets that many unrelated async-local values in the flow first.
if (args is ["--call-loop", .. var loopArgs]) return CallLoop.Run(loopArgs);

// `-- --shared-helper leaf|tracked` compares the recorded method written per call site with one shared generic helper.
if (args is ["--shared-helper", .. var helperArgs]) return SharedRecordingHelper.Run(helperArgs);

BenchmarkSwitcher.FromAssembly(typeof(RetainedMemory).Assembly).Run(args);
return 0;
