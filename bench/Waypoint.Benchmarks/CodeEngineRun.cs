using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Waypoint.Modules.Entitlements.Compliance.Figures;
using Waypoint.Modules.Entitlements.Compliance.Shared;
using Waypoint.Modules.Entitlements.Worklists;
using Waypoint.Platform.Auditing;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Database;
using Waypoint.Platform.Security;

namespace Waypoint.Benchmarks;

/// <summary>
/// The Code engine at national scale (issue 4, item 9). On a fresh database it seeds organisations, teams, officers,
/// cases and about five obligations per case (<see cref="CodeEngineData"/>), then measures, in the same process:
/// <list type="bullet">
/// <item>p50 / p95 of a Team Leader's overdue list and an officer's due-today list (the real handler, audit entry included);</item>
/// <item>a one-year compliance report by rule (the real handler) against a hand-written SQL aggregate over the same rows;</item>
/// <item>p50 / p95 of the same pages rendered end to end over HTTP (sign-in cookie, layout, audit), through the real pipeline.</item>
/// </list>
/// Usage: <c>-- code [--cases N] [--provider sqlite|postgres] [--samples N]</c>.
/// </summary>
public static partial class CodeEngineRun
{
    private const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=waypoint;Password=waypoint;Database=postgres";
    private const string Password = "Bench-password-2026!";

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Arg(args, "--provider") ?? "postgres";
        var cases = int.Parse(Arg(args, "--cases") ?? (provider == "sqlite" ? "100000" : "1000000"), CultureInfo.InvariantCulture);
        var samples = int.Parse(Arg(args, "--samples") ?? "200", CultureInfo.InvariantCulture);
        var connection = provider == "sqlite"
            ? DatabaseSetup.SqliteConnectionString($"Data Source={Path.Combine(Path.GetTempPath(), $"waypoint-code-bench-{Guid.NewGuid():N}.db")}", Path.GetTempPath())
            : await PostgresDatabaseAsync(Environment.GetEnvironmentVariable("WAYPOINT_BENCH_POSTGRES") ?? DefaultPostgres);
        var providerName = provider == "sqlite" ? "Sqlite" : "Postgres";

        // The application's content root, found from here, as the test host would find it from the solution.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "src", "Waypoint", "Waypoint.csproj")))
        {
            root = root.Parent;
        }
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WAYPOINT", Path.Combine(root?.FullName ?? ".", "src", "Waypoint"));
        await using var app = new BenchApp(providerName, connection);
        var now = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Seeding {cases:N0} cases on {providerName}...");
        var seeded = await CodeEngineData.SeedAsync(app.Services, cases, now, Console.WriteLine);
        await AnalyzeAsync(app.Services, providerName);
        Console.WriteLine($"Seeded {seeded.Cases:N0} cases and {seeded.Obligations:N0} obligations in {clock.Elapsed.TotalSeconds:N0} s.");

        var random = new Random(7);
        var staff = seeded.Officers;
        var leaderActors = staff.GroupBy(s => s.TeamId).Select(g => g.First()).Select(s => Leader(s, now)).ToList();
        var officerActors = staff.Select(s => Officer(s, now)).ToList();

        // Handler level: what the page and API call, with the consultation entry each list appends to the audit chain.
        var overdue = await SampleAsync(samples, async () =>
        {
            var actor = leaderActors[random.Next(leaderActors.Count)];
            await WorklistAsync(app.Services, actor, "team", "overdue");
        });
        var dueToday = await SampleAsync(samples, async () =>
        {
            var actor = officerActors[random.Next(officerActors.Count)];
            await WorklistAsync(app.Services, actor, "mine", "today");
        });

        // A year's compliance by rule for one organisation: the handler against hand-written SQL, alternated, 7 runs each.
        var today = UkTime.Today(now);
        var from = today.AddYears(-1).AddDays(1);
        var orgLeader = leaderActors[0];
        var handlerRuns = new List<double>();
        var sqlRuns = new List<double>();
        FigureCheck? handlerCheck = null;
        FigureCheck? sqlCheck = null;
        for (var i = 0; i < 8; i++)
        {
            var h = Stopwatch.StartNew();
            handlerCheck = await ComplianceAsync(app.Services, orgLeader, from, today);
            h.Stop();
            var s = Stopwatch.StartNew();
            sqlCheck = await HandWrittenAsync(app.Services, providerName, orgLeader.OrganisationId, from, today);
            s.Stop();
            if (i > 0)
            {
                handlerRuns.Add(h.Elapsed.TotalMilliseconds);
                sqlRuns.Add(s.Elapsed.TotalMilliseconds);
            }
        }
        if (handlerCheck != sqlCheck)
        {
            throw new InvalidOperationException($"The handler and the hand-written SQL disagree: {handlerCheck} against {sqlCheck}.");
        }

        // Pages, end to end over HTTP through the real pipeline.
        var leaderUser = await WithPasswordAsync(app.Services, staff[0].LeaderId, Roles.TeamLeader);
        var officerUser = await WithPasswordAsync(app.Services, staff[0].OfficerId, Roles.VictimCareOfficer);
        var leaderClient = await SignedInAsync(app, leaderUser);
        var officerClient = await SignedInAsync(app, officerUser);
        var overduePage = await SampleAsync(samples / 2, () => GetOkAsync(leaderClient, "/work/obligations?scope=team&when=overdue"));
        var todayPage = await SampleAsync(samples / 2, () => GetOkAsync(officerClient, "/work/obligations?scope=mine&when=today"));
        var compliancePage = await SampleAsync(Math.Max(10, samples / 20), () => GetOkAsync(leaderClient, $"/compliance?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&groupBy=rule"));

        Console.WriteLine();
        Console.WriteLine($"| {providerName} | {seeded.Cases:N0} cases, {seeded.Obligations:N0} obligations | p50 | p95 |");
        Console.WriteLine("|---|---|---:|---:|");
        Print("Team Leader's overdue list (handler)", overdue);
        Print("Officer's due-today list (handler)", dueToday);
        Print("Team overdue page (HTTP, whole page)", overduePage);
        Print("Officer due-today page (HTTP, whole page)", todayPage);
        Print("Compliance page, one year by rule (HTTP)", compliancePage);
        var hm = Median(handlerRuns);
        var sm = Median(sqlRuns);
        Console.WriteLine();
        Console.WriteLine($"One-year compliance report for one organisation ({handlerCheck!.Due:N0} obligations due): handler median {hm:N0} ms, hand-written SQL median {sm:N0} ms, ratio {hm / sm:N2}");
        return 0;
    }

    private sealed record FigureCheck(long Due, long Met, long Late, long Overdue, long NotYetDue, long NotApplicable);

    private static async Task WorklistAsync(IServiceProvider services, Actor actor, string scope, string when)
    {
        using var s = services.CreateScope();
        s.ServiceProvider.GetRequiredService<AuditScope>().Actor = actor;
        var result = await s.ServiceProvider.GetRequiredService<ObligationWorklistHandler>().HandleAsync(new WorklistQuery { Scope = scope, When = when }, actor, default);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Reason);
        }
    }

    private static async Task<FigureCheck> ComplianceAsync(IServiceProvider services, Actor actor, DateOnly from, DateOnly to)
    {
        using var s = services.CreateScope();
        s.ServiceProvider.GetRequiredService<AuditScope>().Actor = actor;
        var result = await s.ServiceProvider.GetRequiredService<ComplianceFiguresHandler>().HandleAsync(
            new ComplianceQuery { From = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), GroupBy = "rule" }, actor, default);
        var t = result.Value?.Total ?? throw new InvalidOperationException(result.Reason);
        return new FigureCheck(t.Due, t.MetOnTime, t.MetLate, t.Overdue, t.NotYetDue, t.NotApplicable);
    }

    /// <summary>The same figures as one hand-written GROUP BY over the same rows, read with plain ADO.NET.</summary>
    private static async Task<FigureCheck> HandWrittenAsync(IServiceProvider services, string provider, Guid organisationId, DateOnly from, DateOnly to)
    {
        using var s = services.CreateScope();
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Rule", COUNT(*),
                   SUM(CASE WHEN "Status" = 'Met' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN "Status" = 'Late' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN "Status" = 'Open' AND "DueOn" < @today THEN 1 ELSE 0 END),
                   SUM(CASE WHEN "Status" = 'Open' AND "DueOn" >= @today THEN 1 ELSE 0 END),
                   SUM(CASE WHEN "Status" = 'NotApplicable' THEN 1 ELSE 0 END)
            FROM obligations
            WHERE "OrganisationId" = @org AND "DueOn" >= @from AND "DueOn" <= @to
            GROUP BY "Rule"
            """;
        var today = UkTime.Today(DateTime.UtcNow);
        Add(command, "org", provider == "Sqlite" ? organisationId.ToString().ToUpperInvariant() : organisationId);
        Add(command, "from", provider == "Sqlite" ? from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : from);
        Add(command, "to", provider == "Sqlite" ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : to);
        Add(command, "today", provider == "Sqlite" ? today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : today);
        long due = 0, met = 0, late = 0, overdue = 0, notYet = 0, na = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            due += reader.GetInt64(1);
            met += reader.GetInt64(2);
            late += reader.GetInt64(3);
            overdue += reader.GetInt64(4);
            notYet += reader.GetInt64(5);
            na += reader.GetInt64(6);
        }
        return new FigureCheck(due, met, late, overdue, notYet, na);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static async Task<List<double>> SampleAsync(int samples, Func<Task> work)
    {
        for (var i = 0; i < Math.Min(10, samples); i++)
        {
            await work(); // warm-up: compiled queries, connection pool, JIT
        }
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static void Print(string what, List<double> times) =>
        Console.WriteLine($"| {what} | {times.Count} samples | {Percentile(times, 0.50):N1} ms | {Percentile(times, 0.95):N1} ms |");

    private static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double Median(List<double> times) => Percentile(times, 0.5);

    private static Actor Leader(CodeEngineData.Staff s, DateTime now) => new()
    {
        UserId = s.LeaderId, Name = "Leader", OrganisationId = s.OrganisationId, OrganisationName = "", OrganisationCode = "",
        TeamIds = new HashSet<Guid> { s.TeamId }, Roles = new HashSet<string> { Roles.TeamLeader }, Now = now,
    };

    private static Actor Officer(CodeEngineData.Staff s, DateTime now) => new()
    {
        UserId = s.OfficerId, Name = s.OfficerName, OrganisationId = s.OrganisationId, OrganisationName = "", OrganisationCode = "",
        TeamIds = new HashSet<Guid> { s.TeamId }, Roles = new HashSet<string> { Roles.VictimCareOfficer }, Now = now,
    };

    private static async Task<string> WithPasswordAsync(IServiceProvider services, Guid userId, string role)
    {
        using var s = services.CreateScope();
        var users = s.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        Check(await users.AddPasswordAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return user.UserName!;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static async Task<HttpClient> SignedInAsync(BenchApp app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/account/sign-in");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = Password,
        });
        var response = await client.PostAsync("/account/sign-in", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        }
        return client;
    }

    private static async Task GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        }
        await response.Content.ReadAsStringAsync();
    }

    private static async Task AnalyzeAsync(IServiceProvider services, string provider)
    {
        using var s = services.CreateScope();
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlRawAsync(provider == "Sqlite" ? "ANALYZE" : "VACUUM ANALYZE");
    }

    private static async Task<string> PostgresDatabaseAsync(string server)
    {
        var name = $"waypoint_code_bench_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The real application (Program's pipeline and services) on the benchmark's database, served in memory.</summary>
    private sealed class BenchApp(string provider, string connection) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Benchmark");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:Waypoint", connection);
            builder.UseSetting("Waypoint:Demo:Enabled", "false");
            builder.UseSetting("Waypoint:Code:Escalation:Enabled", "false");
            builder.UseSetting("Waypoint:RateLimits:SignInPerMinute", "100000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        }
    }
}
