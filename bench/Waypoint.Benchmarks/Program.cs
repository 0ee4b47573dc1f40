using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project bench/Waypoint.Benchmarks -- --filter '*'
// Results are recorded, with the command, in docs/benchmarks.md as ratios to the baseline of the same run.
BenchmarkSwitcher.FromAssembly(typeof(Waypoint.Benchmarks.CaseSearchBenchmarks).Assembly).Run(args);
