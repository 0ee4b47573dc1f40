using Waypoint.Modules.Care.Referrals.Consent;
using Waypoint.Modules.Care.Referrals.Directory;
using Waypoint.Modules.Care.Referrals.MakeReferral;
using Waypoint.Modules.Care.Referrals.Shared;
using Waypoint.Modules.Care.Referrals.Signpost;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Referrals;

/// <summary>Services and API of the services directory, consent, referrals and signposting.</summary>
public static class ReferralsRegistration
{
    public static IServiceCollection AddReferrals(this IServiceCollection services) => services
        .AddScoped<ServicesHandler>()
        .AddScoped<RecordConsentHandler>()
        .AddScoped<MakeReferralHandler>()
        .AddScoped<SignpostHandler>()
        .AddScoped<CaseSupportQuery>();

    public static RouteGroupBuilder MapReferralsApi(this RouteGroupBuilder api)
    {
        var directory = api.MapGroup("").WithTags("Services directory");
        directory.MapGet("/services", async (string? search, bool? includeWithdrawn, ActorAccessor actors, ServicesHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(await actors.RequireAsync(ct), search, includeWithdrawn ?? false, ct)).ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The organisation's services directory (active services; includeWithdrawn=true for all), searchable by name, type or area.")
            .Produces<List<ServiceRow>>();
        directory.MapPost("/admin/services", async (ServiceRequest request, ActorAccessor actors, ServicesHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(request, await actors.RequireAsync(ct), ct)).ToHttp(s => $"/api/v1/services/{s.Id}"))
            .RequireAuthorization(Policies.UnitAdministrator)
            .WithSummary("Add a service to the directory (Unit Administrator).")
            .Produces<SavedService>(StatusCodes.Status201Created);
        directory.MapPut("/admin/services/{id:guid}", async (Guid id, ServiceRequest request, ActorAccessor actors, ServicesHandler handler, CancellationToken ct) =>
                (await handler.UpdateAsync(id, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.UnitAdministrator)
            .WithSummary("Edit a service of the directory (Unit Administrator); give the version read to detect someone else's change.")
            .Produces<SavedService>();

        var care = api.MapGroup("/cases/{caseId:guid}").WithTags("Consent and referrals");
        care.MapPost("/consents", async (Guid caseId, ConsentRequest request, ActorAccessor actors, RecordConsentHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record the victim's consent to share their details: serviceId or sharedWith, shares (contact, crime, needs, risk, health), shareNote, givenOn, how (phone, writing, in-person, proxy).")
            .Produces<RecordedConsent>();
        care.MapPost("/referrals", async (Guid caseId, ReferralRequest request, ActorAccessor actors, MakeReferralHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Refer the victim to a service. Refused (400) without the victim's consent in force for that service, unless safeguardingOverrideReason is given. Records a referral action that meets the obligations listed in meets (R4-REF).")
            .Produces<MadeReferral>();
        care.MapGet("/referrals", async (Guid caseId, ActorAccessor actors, MakeReferralHandler handler, CancellationToken ct) =>
                await handler.ListAsync(caseId, await actors.RequireAsync(ct), ct) is { } list ? Results.Ok(list) : Result.NotFound().ToHttp())
            .RequireAuthorization(Policies.CaseReader)
            .WithSummary("The case's referrals with their status and outcome.")
            .Produces<List<ReferralResponse>>();
        care.MapPatch("/referrals/{id:guid}", async (Guid caseId, Guid id, ReferralStatusRequest request, ActorAccessor actors, MakeReferralHandler handler, CancellationToken ct) =>
                (await handler.ChangeStatusAsync(caseId, id, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Change a referral's status (accepted, declined, started, completed, withdrawn) with an outcome note.")
            .Produces<ReferralResponse>();
        care.MapPost("/signposting", async (Guid caseId, SignpostRequest request, ActorAccessor actors, SignpostHandler handler, CancellationToken ct) =>
                (await handler.HandleAsync(caseId, request, await actors.RequireAsync(ct), ct)).ToHttp())
            .RequireAuthorization(Policies.CaseWriter)
            .WithSummary("Record that the victim was signposted to a service (no referral; does not meet R4-REF).")
            .Produces<RecordedSignposting>();
        return api;
    }
}
