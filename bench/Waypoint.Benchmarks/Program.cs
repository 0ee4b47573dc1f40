using BenchmarkDotNet.Running;

// BenchmarkDotNet: dotnet run -c Release --project bench/Waypoint.Benchmarks -- --filter '*'
// Feed import, end to end against the raw ceiling: ... -- import [--rows N] [--provider sqlite|postgres|both]
// Peak memory of a large import: ... -- import-memory [--rows 1000000]
// Results are recorded, with the command, in docs/benchmarks.md.
if (args.Length > 0 && args[0] is "import" or "import-memory")
{
    return await Waypoint.Benchmarks.ImportRun.RunAsync(args);
}
BenchmarkSwitcher.FromAssembly(typeof(Waypoint.Benchmarks.CaseSearchBenchmarks).Assembly).Run(args);
return 0;
