using Waypoint.BrowserTests.Infrastructure;

// One app and one Chromium for the whole run; tests run one at a time (2 cores, one browser).
[assembly: AssemblyFixture(typeof(WaypointServer))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
