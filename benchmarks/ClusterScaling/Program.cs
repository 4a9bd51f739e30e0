using BenchmarkDotNet.Running;

// `dotnet run -c Release -- --filter '*'` (about 3 minutes).
BenchmarkSwitcher.FromAssembly(typeof(Trace.Benchmarks.ClusterScalingBenchmarks).Assembly).Run(args);
