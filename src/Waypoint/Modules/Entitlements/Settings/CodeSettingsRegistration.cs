using Waypoint.Modules.Entitlements.Settings.BankHolidays;
using Waypoint.Modules.Entitlements.Settings.CodeTargets;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Entitlements.Settings;

/// <summary>Services and API of the bank-holiday calendar and the unit's Code targets, run by Unit Administrators.</summary>
public static class CodeSettingsRegistration
{
    public static IServiceCollection AddCodeSettings(this IServiceCollection services) => services
        .AddScoped<BankHolidaysHandler>()
        .AddScoped<CodeTargetsHandler>();

    public static RouteGroupBuilder MapCodeSettingsApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Code settings").RequireAuthorization(Policies.UnitAdministrator);

        admin.MapGet("/bank-holidays", async (int? year, ActorAccessor actors, BankHolidaysHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(year, await actors.RequireAsync(ct), ct)).ToHttp())
            .WithSummary("The England and Wales bank holidays (shared by every organisation), of one year or, without year, all of them.")
            .Produces<IReadOnlyList<BankHolidayRow>>();

        admin.MapGet("/bank-holidays/{date}", async (string date, ActorAccessor actors, BankHolidaysHandler handler, CancellationToken ct) =>
                BankHolidaysHandler.ParseKey(date) is { } day
                    ? (await handler.GetAsync(day, await actors.RequireAsync(ct), ct)).ToHttp()
                    : Result.NotFound().ToHttp())
            .WithSummary("One bank holiday, by its date (yyyy-MM-dd).")
            .Produces<BankHolidayRow>();

        admin.MapPost("/bank-holidays", async (BankHolidayRequest request, ActorAccessor actors, BankHolidaysHandler handler, CancellationToken ct) =>
                (await handler.AddAsync(request, await actors.RequireAsync(ct), ct)).ToHttp(d => $"/api/v1/admin/bank-holidays/{BankHolidaysHandler.Key(d.Date)}"))
            .WithSummary("Add a bank holiday (a weekday not already one). It applies to clocks started from now on; due dates already worked out stay.")
            .Produces<BankHolidayRow>(StatusCodes.Status201Created);

        admin.MapPut("/bank-holidays/{date}", async (string date, RenameBankHolidayRequest request, ActorAccessor actors, BankHolidaysHandler handler, CancellationToken ct) =>
                BankHolidaysHandler.ParseKey(date) is { } day
                    ? (await handler.RenameAsync(day, request, await actors.RequireAsync(ct), ct)).ToHttp()
                    : Result.NotFound().ToHttp())
            .WithSummary("Rename a bank holiday.");

        admin.MapDelete("/bank-holidays/{date}", async (string date, ActorAccessor actors, BankHolidaysHandler handler, CancellationToken ct) =>
                BankHolidaysHandler.ParseKey(date) is { } day
                    ? (await handler.RemoveAsync(day, await actors.RequireAsync(ct), ct)).ToHttp()
                    : Result.NotFound().ToHttp())
            .WithSummary("Remove a bank holiday: the day is a working day again for clocks started from now on.");

        admin.MapGet("/code-targets", async (ActorAccessor actors, CodeTargetsHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(await actors.RequireAsync(ct), ct)).ToHttp())
            .WithSummary("Every Victims' Code rule with the Code's default targets and your organisation's targets in force, in working days.")
            .Produces<IReadOnlyList<CodeTargetRow>>();

        admin.MapPut("/code-targets/{rule}", async (string rule, CodeTargetRequest request, ActorAccessor actors, CodeTargetsHandler handler, CancellationToken ct) =>
                (await handler.ChangeAsync(rule, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .WithSummary("Set your organisation's targets for a rule (standardDays, enhancedDays, optional version). Applies to obligations started from now on.")
            .Produces<CodeTargetRow>();

        admin.MapDelete("/code-targets/{rule}", async (string rule, ActorAccessor actors, CodeTargetsHandler handler, CancellationToken ct) =>
                (await handler.ResetAsync(rule, await actors.RequireAsync(ct), ct)).ToHttp())
            .WithSummary("Reset a rule to the Code's default targets.");

        return api;
    }
}
