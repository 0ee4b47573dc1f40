using BenchmarkDotNet.Running;

namespace Waypoint.Benchmarks;

// BenchmarkDotNet: dotnet run -c Release --project bench/Waypoint.Benchmarks -- --filter '*'
// Feed import, end to end against the raw ceiling: ... -- import [--rows N] [--provider sqlite|postgres|both]
// Peak memory of a large import: ... -- import-memory [--rows 1000000]
// The Code engine at scale (worklists, compliance): ... -- code [--provider postgres|sqlite] [--cases N] [--samples N]
// Results are recorded, with the command, in docs/benchmarks.md.
// A named entry point (not top-level statements): the Code engine run hosts the application's own Program.
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "code")
        {
            return await Waypoint.Benchmarks.CodeEngineRun.RunAsync(args);
        }
        if (args.Length > 0 && args[0] is "import" or "import-memory")
        {
            return await Waypoint.Benchmarks.ImportRun.RunAsync(args);
        }
        BenchmarkSwitcher.FromAssembly(typeof(Waypoint.Benchmarks.CaseSearchBenchmarks).Assembly).Run(args);
        return 0;
    }
}
