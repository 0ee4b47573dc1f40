using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Waypoint.Modules.Intake.OverrideTriage;
using Waypoint.Modules.Intake.SelfReferral;
using Waypoint.Modules.Intake.Triage;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Intake;

/// <summary>
/// How victims reach us: the police feeds (victims, investigation events) with their quarantine and import history,
/// referrals from the public and from agencies, triage (entitlement level and contact priority), the cohort and
/// allocation.
/// </summary>
public static class IntakeModule
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<TriageOptions>(config.GetSection(TriageOptions.Section));
        services.AddScoped<CaseTriage>();
        services.AddScoped<WorkingDays>();

        // --- Referrals and triage overrides (self-referral form, officer override) ---
        services.AddScoped<SelfReferralHandler>();
        services.AddScoped<OverrideTriageHandler>();
        var selfReferralPermits = config.GetValue("Waypoint:RateLimits:SelfReferralPer10Minutes", 5);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(SelfReferralHandler.RateLimitPolicy, ctx => ctx.Request.Method == HttpMethods.Post
            ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = selfReferralPermits, Window = TimeSpan.FromMinutes(10) })
            : RateLimitPartition.GetNoLimiter("get")));
        // --- end referrals and triage overrides ---

        return services;
    }

    public static RouteGroupBuilder MapIntakeApi(this RouteGroupBuilder api)
    {
        // --- Referrals and triage overrides ---
        api.MapPut("/cases/{caseId:guid}/triage", async (Guid caseId, OverrideTriageRequest request, ActorAccessor actors, OverrideTriageHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .WithTags("Cases")
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Set the entitlement level and/or priority by hand with a note (null leaves it to triage; both null clears the override). Send the case version you read; 409 if someone else saved first.")
            .Produces<TriageOverridden>();
        // --- end referrals and triage overrides ---

        return api;
    }

    public static IEndpointRouteBuilder MapIntakeEndpoints(this IEndpointRouteBuilder app) => app;
}
